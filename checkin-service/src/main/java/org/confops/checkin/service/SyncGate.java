package org.confops.checkin.service;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.checkin.config.SyncConfig;
import org.confops.platform.errors.Rejection;

/**
 * The door comes first: when the venue's network returns and every device uploads its queue at once, only
 * {@code checkin.sync.max-concurrent} uploads run at a time on this instance, and up to {@code checkin.sync.queue}
 * more wait their turn (in arrival order, for {@code checkin.sync.queue-wait} at most); the others are told 429
 * with {@code Retry-After} (scanners wait and resend, the same nonces, so nothing counts twice), and online scans
 * keep the database connections and the CPU they need. The waiting few keep the slot busy from one upload to the
 * next: a device told 429 comes back a second later at the earliest, and the slot would stand idle meanwhile.
 */
@ApplicationScoped
public class SyncGate {

    private final Semaphore permits;
    private final AtomicInteger waiting = new AtomicInteger();
    private final SyncConfig config;

    @Inject
    public SyncGate(SyncConfig config) {
        this.config = config;
        this.permits = new Semaphore(config.maxConcurrent(), true);
    }

    public <T> T run(Supplier<T> upload) {
        if (!acquire()) {
            throw Rejection.tooBusy("Too many uploads at once; retry later", config.retryAfter());
        }
        try {
            return upload.get();
        } finally {
            permits.release();
        }
    }

    /** A slot now, or after a wait in the queue if there is room in it. */
    private boolean acquire() {
        try {
            // not tryAcquire(): it would take a freed slot ahead of the uploads already waiting for one
            return permits.tryAcquire(0, TimeUnit.MILLISECONDS) || awaitTurn();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean awaitTurn() throws InterruptedException {
        try {
            return waiting.incrementAndGet() <= config.queue()
                    && permits.tryAcquire(config.queueWait().toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            waiting.decrementAndGet();
        }
    }
}
