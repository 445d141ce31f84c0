package org.confops.catalog.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * How long each conference's active badge-signing key has left ({@code
 * confops_badge_signing_key_expires_in_seconds{conference}}), for the alert that asks for a rotation before badges
 * signed from then on would expire with it. Read from the database every 15 s, not per scrape.
 */
@ApplicationScoped
public class SigningKeyExpiry {

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    private MultiGauge gauge;

    @Scheduled(every = "15s", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try {
            @SuppressWarnings("unchecked")
            List<Object[]> keys = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                    SELECT c.slug, extract(epoch FROM k.expires_at - now())
                    FROM signing_key k JOIN conference c ON c.id = k.conference_id
                    WHERE k.retired_at IS NULL""").getResultList());
            gauge().register(keys.stream().map(row -> MultiGauge.Row.of(Tags.of("conference", (String) row[0]),
                    ((Number) row[1]).doubleValue())).toList(), true);
        } catch (RuntimeException e) {
            // the database away is reported by readiness; the gauge keeps its last values meanwhile
            Log.debugf("Signing key expiry not refreshed: %s", e.getMessage());
        }
    }

    private synchronized MultiGauge gauge() {
        if (gauge == null) {
            gauge = MultiGauge.builder("confops.badge.signing.key.expires.in")
                    .description("Time until the conference's active badge-signing key expires")
                    .baseUnit("seconds").register(registry);
        }
        return gauge;
    }
}
