package org.confops.platform.inbox;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

import io.quarkus.logging.Log;

/**
 * "Newest version wins" for projections of snapshot events (contracts/events.md): a snapshot replaces the one
 * held only if its version is higher, so a redelivered or late older snapshot changes nothing.
 */
public final class NewestVersion {

    private NewestVersion() {
    }

    /**
     * The newest snapshot of each aggregate in a batch, in first-seen order: only it matters, and one set-based
     * statement may touch each row once.
     */
    public static <T> Map<Long, T> perId(Collection<T> snapshots, ToLongFunction<T> id, ToLongFunction<T> version) {
        Map<Long, T> newest = new LinkedHashMap<>();
        for (T snapshot : snapshots) {
            newest.merge(id.applyAsLong(snapshot), snapshot,
                    (held, next) -> version.applyAsLong(next) > version.applyAsLong(held) ? next : held);
        }
        return newest;
    }

    /** Whether a snapshot at version {@code incoming} is no newer than the one held (and so ignored). */
    public static boolean isStale(String kind, long id, long held, long incoming) {
        if (incoming <= held) {
            Log.debugf("Ignoring %s %d version %d: holding version %d", kind, id, incoming, held);
            return true;
        }
        return false;
    }
}
