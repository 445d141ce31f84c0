package org.confops.bulkpurchase.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.confops.bulkpurchase.domain.Conference;
import org.confops.bulkpurchase.repository.ConferenceRepository;
import org.confops.bulkpurchase.service.Rejection;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.narayana.jta.QuarkusTransaction;
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

    /** The conference, if the catalog announced it (404) and the caller holds {@code permission} on it (403). */
    public Conference require(String slug, Permission permission) {
        Conference conference = QuarkusTransaction.joiningExisting().call(() -> conferences.findBySlug(slug))
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
        if (identity.hasRole(Permission.SUPERUSER_ROLE)
                || identity.hasRole(Permission.CHANGE_CONFERENCE.roleFor(slug))
                || identity.hasRole(permission.roleFor(slug))) {
            return true;
        }
        return permission == Permission.VIEW_BULK_PURCHASES
                && identity.hasRole(Permission.CHANGE_BULK_PURCHASES.roleFor(slug));
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
