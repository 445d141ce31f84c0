package org.confops.gateway.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Guessing access codes at the door: a caller whose scans found no attendee {@code maxUnknown} times within
 * {@code window} gets no further scan through until the oldest of those misses is older than the window. Kept
 * per token subject, so a desk trying codes is slowed down and every other desk goes on at full speed. Held in
 * memory per gateway instance: with N instances a guesser gets at most N times the allowance, still far too
 * little to find codes.
 */
final class ScanThrottle {

    private final int maxUnknown;
    private final Duration window;
    private final Map<String, Deque<Instant>> misses = new ConcurrentHashMap<>();

    ScanThrottle(int maxUnknown, Duration window) {
        this.maxUnknown = maxUnknown;
        this.window = window;
    }

    /** How long {@code caller} must wait before scanning again; empty when it may scan now. */
    Optional<Duration> retryAfter(String caller, Instant now) {
        Deque<Instant> recent = misses.get(caller);
        if (recent == null) {
            return Optional.empty();
        }
        synchronized (recent) {
            forgetOld(recent, now);
            if (recent.size() < maxUnknown) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, recent.peekFirst().plus(window)));
        }
    }

    /** A scan by {@code caller} found no attendee. */
    void unknownCode(String caller, Instant now) {
        Deque<Instant> recent = misses.computeIfAbsent(caller, k -> new ArrayDeque<>());
        synchronized (recent) {
            forgetOld(recent, now);
            recent.addLast(now);
        }
        // callers who stopped guessing long ago are dropped, so the map does not grow with every token seen
        if (misses.size() > 10_000) {
            misses.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    forgetOld(entry.getValue(), now);
                    return entry.getValue().isEmpty();
                }
            });
        }
    }

    private void forgetOld(Deque<Instant> recent, Instant now) {
        Instant horizon = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
            recent.removeFirst();
        }
    }
}
