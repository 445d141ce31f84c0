package org.confops.checkin.service;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What operators watch at the door, per conference: scans by type, result and reason ({@code
 * confops_checkin_scans_total}; hand-outs are scans of type {@code redeem}) and offline uploads ({@code
 * confops_checkin_sync_items_total} by outcome). Counted when the transaction that recorded them commits, so a
 * scan that lost a race and rolled back is not counted.
 */
@ApplicationScoped
public class DoorMetrics {

    /** The transaction's increments not yet applied, by counter (a key of the transaction's resources). */
    private static final Object PENDING = new Object();

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transaction;

    /** A scan written to the scan log: {@code result} accepted or refused, {@code reason} for a refusal. */
    public void scanned(String conference, String type, String result, String reason) {
        afterCommit(Counter.builder("confops.checkin.scans")
                .description("Scans at the door by type, result and refusal reason")
                .tag("conference", conference).tag("type", type).tag("result", result)
                .tag("reason", reason == null ? "none" : reason)
                .register(registry));
    }

    /** An uploaded offline item: {@code applied} the first time, {@code replayed} when its nonce came again. */
    public void synced(String conference, String outcome) {
        afterCommit(Counter.builder("confops.checkin.sync.items")
                .description("Offline queue items uploaded, by outcome")
                .tag("conference", conference).tag("outcome", outcome)
                .register(registry));
    }

    /**
     * One synchronization per transaction, however many increments it makes: an upload chunk counts two per item,
     * and one synchronization each made every chunk's commit call hundreds of them.
     */
    private void afterCommit(Counter counter) {
        if (transaction.getTransactionStatus() != Status.STATUS_ACTIVE) {
            counter.increment();
            return;
        }
        @SuppressWarnings("unchecked")
        Map<Counter, long[]> pending = (Map<Counter, long[]>) transaction.getResource(PENDING);
        if (pending == null) {
            Map<Counter, long[]> counts = new HashMap<>();
            transaction.putResource(PENDING, counts);
            transaction.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        counts.forEach((committed, count) -> committed.increment(count[0]));
                    }
                }
            });
            pending = counts;
        }
        pending.computeIfAbsent(counter, c -> new long[1])[0]++;
    }
}
