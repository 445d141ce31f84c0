package org.confops.checkin.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.confops.checkin.domain.Conference;
import org.confops.checkin.repository.ConferenceRepository;
import org.confops.checkin.service.Rejection;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** Resolves the conference named in the path and checks the caller may act on it. */
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
        Conference conference = conferences.findBySlug(slug)
                .orElseThrow(() -> Rejection.notFound("Conference not found").with("conference", slug));
        if (!holds(slug, permission)) {
            throw Rejection.forbidden("You do not have permission for this conference");
        }
        return conference;
    }

    public Actor actor() {
        String name = firstNonBlank(token.getClaim("name"), token.getClaim("preferred_username"), token.getSubject());
        return new Actor(token.getSubject(), name);
    }

    private boolean holds(String slug, Permission permission) {
        return identity.hasRole(Permission.SUPERUSER_ROLE)
                || identity.hasRole(Permission.CHANGE_CONFERENCE.roleFor(slug))
                || identity.hasRole(permission.roleFor(slug));
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
