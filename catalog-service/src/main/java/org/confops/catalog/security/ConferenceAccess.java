package org.confops.catalog.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.confops.catalog.domain.Conference;
import org.confops.catalog.repository.ConferenceRepository;
import org.confops.catalog.service.Rejection;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** Resolves the conference named in the path and checks what the caller may do with it. */
@RequestScoped
public class ConferenceAccess {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Inject
    ConferenceRepository conferences;

    /** The conference, if it exists (404) and the caller holds {@code permission} on it (403). */
    public Conference require(String slug, Permission permission) {
        Conference conference = find(slug);
        if (!holds(slug, permission)) {
            throw forbidden();
        }
        return conference;
    }

    /** The conference, if the caller holds any permission on it: what reading the catalog needs. */
    public Conference requireAny(String slug) {
        Conference conference = find(slug);
        if (!mayView(slug)) {
            throw forbidden();
        }
        return conference;
    }

    public void requireSuperuser() {
        if (!isSuperuser()) {
            throw Rejection.forbidden("Only a superuser may do this");
        }
    }

    public boolean isSuperuser() {
        return identity.hasRole(Permission.SUPERUSER_ROLE);
    }

    /** Whether the caller holds any permission on the conference with this slug. */
    public boolean mayView(String slug) {
        return isSuperuser()
                || identity.getRoles().stream().anyMatch(role -> role.startsWith(Permission.conferencePrefix(slug)));
    }

    public Actor actor() {
        String name = firstNonBlank(token.getClaim("name"), token.getClaim("preferred_username"), token.getSubject());
        return new Actor(token.getSubject(), name);
    }

    private Conference find(String slug) {
        return conferences.findBySlug(slug)
                .orElseThrow(() -> Rejection.notFound("Conference not found").with("conference", slug));
    }

    private boolean holds(String slug, Permission permission) {
        return isSuperuser()
                || identity.hasRole(Permission.CHANGE_CONFERENCE.roleFor(slug))
                || identity.hasRole(permission.roleFor(slug));
    }

    private static Rejection forbidden() {
        return Rejection.forbidden("You do not have permission for this conference");
    }

    private static String firstNonBlank(Object... values) {
        for (Object value : values) {
            if (value != null && !value.toString().isBlank()) {
                return value.toString();
            }
        }
        return "unknown";
    }
}
