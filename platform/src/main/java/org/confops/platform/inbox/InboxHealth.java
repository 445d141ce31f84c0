package org.confops.platform.inbox;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** Which consumers cannot make progress right now (they keep retrying), since when and why. */
@ApplicationScoped
public class InboxHealth {

    public record Stall(Instant since, String error) {
    }

    private final Map<String, Stall> stalled = new ConcurrentHashMap<>();

    void stalled(String consumer, Throwable error) {
        stalled.putIfAbsent(consumer, new Stall(Instant.now(), EventInbox.rootMessage(error)));
    }

    void progressed(String consumer) {
        stalled.remove(consumer);
    }

    public Map<String, Stall> stalled() {
        return Map.copyOf(stalled);
    }
}
