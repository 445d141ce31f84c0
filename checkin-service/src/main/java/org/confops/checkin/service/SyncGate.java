package org.confops.checkin.service;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.checkin.config.SyncConfig;
import org.confops.platform.errors.Rejection;

/**
 * The door comes first: when the venue's network returns and every device uploads its queue at once, only
 * {@code checkin.sync.max-concurrent} uploads run at a time on this instance; the others are told 429 with
 * {@code Retry-After} (scanners wait and resend, the same nonces, so nothing counts twice), and online scans keep
 * the database connections and the CPU they need.
 * <p>
 * A few uploads ({@code max-waiting}) may wait for a slot, at most {@code queue-wait}: the slot is taken again the
 * moment an upload ends, instead of standing idle until the next device happens to retry, so a storm drains as
 * fast as the allowed uploads can apply it while the door keeps the rest of the machine.
 */
@ApplicationScoped
public class SyncGate {

    private final Semaphore running;
    private final Semaphore waiting;
    private final SyncConfig config;

    @Inject
    public SyncGate(SyncConfig config) {
        this.config = config;
        this.running = new Semaphore(config.maxConcurrent(), true);
        this.waiting = new Semaphore(config.maxWaiting());
    }

    public <T> T run(Supplier<T> upload) {
        if (!admitted()) {
            throw Rejection.tooBusy("Too many uploads at once; retry later", config.retryAfter());
        }
        try {
            return upload.get();
        } finally {
            running.release();
        }
    }

    /** Uploads waiting for a slot now. */
    public int waitingUploads() {
        return config.maxWaiting() - waiting.availablePermits();
    }

    private boolean admitted() {
        if (running.tryAcquire()) {
            return true;
        }
        if (config.queueWait().isZero() || !waiting.tryAcquire()) {
            return false;
        }
        try {
            return running.tryAcquire(config.queueWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.release();
        }
    }
}
