package org.confops.platform.security;

import java.util.Optional;

/**
 * How the library finds a conference in a service's own tables, by the slug in the path: each service has
 * exactly one bean implementing it (its conference repository). {@code C} is the service's own conference type.
 */
public interface ConferenceLookup<C> {

    Optional<C> findConference(String slug);
}
