package org.confops.bulkpurchase.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.confops.bulkpurchase.domain.Conference;
import org.confops.bulkpurchase.repository.ConferenceRepository;
import org.confops.platform.security.Actor;
import org.confops.platform.security.ConferencePermissions;
import org.confops.platform.security.Permission;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Resolves the conference named in the path (404) and checks what the caller may do with it (403). */
@RequestScoped
public class ConferenceAccess {

    @Inject
    ConferencePermissions permissions;

    @Inject
    ConferenceRepository conferences;

    /** The conference, if the catalog announced it and the caller holds {@code permission} on it. */
    public Conference require(String slug, Permission permission) {
        return permissions.require(slug, permission,
                s -> QuarkusTransaction.joiningExisting().call(() -> conferences.findBySlug(s)));
    }

    public Actor actor() {
        return permissions.actor();
    }
}
