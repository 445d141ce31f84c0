package org.confops.checkin.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The online scans this instance is answering right now, so that offline uploads can step aside for them between
 * two chunks ({@code checkin.sync.yield-to-door}): the door's answer is what a queue of people waits on.
 */
@ApplicationScoped
public class DoorTraffic {

    private final AtomicInteger inFlight = new AtomicInteger();

    public void enter() {
        inFlight.incrementAndGet();
    }

    public void leave() {
        inFlight.decrementAndGet();
    }

    /** Waits until no online scan is in flight, or {@code atMost} has passed; at once when it is zero. */
    public void quiet(Duration atMost) {
        if (atMost.isZero() || inFlight.get() == 0) {
            return;
        }
        long until = System.nanoTime() + atMost.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < until) {
            LockSupport.parkNanos(200_000);
        }
    }
}
