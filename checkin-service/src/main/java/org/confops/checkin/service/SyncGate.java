package org.confops.checkin.service;

import java.util.concurrent.Semaphore;
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
 */
@ApplicationScoped
public class SyncGate {

    private final Semaphore permits;
    private final SyncConfig config;

    @Inject
    public SyncGate(SyncConfig config) {
        this.config = config;
        this.permits = new Semaphore(config.maxConcurrent());
    }

    public <T> T run(Supplier<T> upload) {
        if (!permits.tryAcquire()) {
            throw Rejection.tooBusy("Too many uploads at once; retry later", config.retryAfter());
        }
        try {
            return upload.get();
        } finally {
            permits.release();
        }
    }
}
