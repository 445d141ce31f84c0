package org.confops.catalog.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.confops.catalog.domain.Conference;
import org.confops.catalog.repository.ConferenceRepository;
import org.confops.platform.errors.Rejection;
import org.confops.platform.security.Actor;
import org.confops.platform.security.ConferencePermissions;
import org.confops.platform.security.Permission;

/** Resolves the conference named in the path (404) and checks what the caller may do with it (403). */
@RequestScoped
public class ConferenceAccess {

    @Inject
    ConferencePermissions permissions;

    @Inject
    ConferenceRepository conferences;

    /** The conference, if it exists and the caller holds {@code permission} on it. */
    public Conference require(String slug, Permission permission) {
        return permissions.require(slug, permission, conferences::findBySlug);
    }

    /** The conference, if the caller holds any permission on it: what reading the catalog needs. */
    public Conference requireAny(String slug) {
        Conference conference = find(slug);
        permissions.requireAny(slug);
        return conference;
    }

    public void requireSuperuser() {
        permissions.requireSuperuser();
    }

    public boolean isSuperuser() {
        return permissions.isSuperuser();
    }

    public boolean mayView(String slug) {
        return permissions.mayView(slug);
    }

    public Actor actor() {
        return permissions.actor();
    }

    private Conference find(String slug) {
        return conferences.findBySlug(slug)
                .orElseThrow(() -> Rejection.notFound("Conference not found").with("conference", slug));
    }
}
