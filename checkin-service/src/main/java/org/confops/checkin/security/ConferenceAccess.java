package org.confops.checkin.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.confops.checkin.domain.Conference;
import org.confops.checkin.repository.ConferenceRepository;
import org.confops.platform.errors.Rejection;
import org.confops.platform.security.Actor;
import org.confops.platform.security.ConferencePermissions;
import org.confops.platform.security.Permission;

/** Resolves the conference named in the path (404) and checks the caller may act on it (403). */
@RequestScoped
public class ConferenceAccess {

    @Inject
    ConferencePermissions permissions;

    @Inject
    ConferenceRepository conferences;

    /** The conference, if it exists and the caller holds {@code permission} on it. */
    public Conference require(String slug, Permission permission) {
        Conference conference = conferences.findBySlug(slug)
                .orElseThrow(() -> Rejection.notFound("Conference not found").with("conference", slug));
        permissions.require(slug, permission);
        return conference;
    }

    /** Whether the caller holds {@code permission} on the conference (no refusal: for rules that depend on it). */
    public boolean holds(String slug, Permission permission) {
        return permissions.holds(slug, permission);
    }

    public Actor actor() {
        return permissions.actor();
    }
}
