package org.confops.platform.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.confops.platform.errors.Rejection;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * What the caller's token allows on a conference, and who the caller is. Services resolve the conference
 * themselves (404 first, from their own tables) and then ask here (403).
 */
@RequestScoped
public class ConferencePermissions {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    /** Throws a 403 unless the caller holds {@code permission} on the conference with this slug. */
    public void require(String slug, Permission permission) {
        if (!holds(slug, permission)) {
            throw forbidden();
        }
    }

    /** Throws a 403 unless the caller holds some permission on the conference (what reading it needs). */
    public void requireAny(String slug) {
        if (!mayView(slug)) {
            throw forbidden();
        }
    }

    public void requireSuperuser() {
        if (!isSuperuser()) {
            throw Rejection.forbidden("Only a superuser may do this");
        }
    }

    public boolean holds(String slug, Permission permission) {
        if (isSuperuser()) {
            return true;
        }
        for (Permission held : Permission.values()) {
            if (held.grants(permission) && identity.hasRole(held.roleFor(slug))) {
                return true;
            }
        }
        return false;
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
