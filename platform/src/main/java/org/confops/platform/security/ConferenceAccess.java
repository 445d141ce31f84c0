package org.confops.platform.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.confops.platform.errors.Rejection;

/**
 * The conference named in the path, from the service's own tables (404 when it has none), if the caller may act
 * on it (403 otherwise): what every resource checks first. Returns the service's own conference type.
 */
@RequestScoped
public class ConferenceAccess {

    @Inject
    ConferencePermissions permissions;

    @Inject
    Instance<ConferenceLookup<?>> lookup;

    /** The conference, if the caller holds {@code permission} on it. */
    public <C> C require(String slug, Permission permission) {
        C conference = find(slug);
        permissions.require(slug, permission);
        return conference;
    }

    /** The conference, if the caller holds any permission on it (what reading it needs). */
    public <C> C requireAny(String slug) {
        C conference = find(slug);
        permissions.requireAny(slug);
        return conference;
    }

    public void requireSuperuser() {
        permissions.requireSuperuser();
    }

    public boolean isSuperuser() {
        return permissions.isSuperuser();
    }

    public boolean holds(String slug, Permission permission) {
        return permissions.holds(slug, permission);
    }

    public boolean mayView(String slug) {
        return permissions.mayView(slug);
    }

    public Actor actor() {
        return permissions.actor();
    }

    @SuppressWarnings("unchecked")
    private <C> C find(String slug) {
        return (C) lookup.get().findConference(slug)
                .orElseThrow(() -> Rejection.notFound("Conference not found").with("conference", slug));
    }
}
