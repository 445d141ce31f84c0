package org.confops.platform.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What operators ask of a consumer: how many events it applied, skipped as duplicates, ignored or sent to the
 * dead-letter topic (and why), how far behind the producer's commit it applies (publish → applied), how often it
 * had to retry. Prometheus names: {@code confops_inbox_events_total}, {@code confops_inbox_dead_letters_total},
 * {@code confops_inbox_apply_lag_seconds}, {@code confops_inbox_retries_total}.
 */
@ApplicationScoped
public class InboxMetrics {

    /** Why a record became a dead letter, as a metric tag (the full reason travels in its header). */
    public enum DeadLetterKind { NOT_CLOUD_EVENT, MALFORMED, UNKNOWN_TYPE, REFUSED }

    @Inject
    MeterRegistry registry;

    /** Recorded once per applied event (thousands a second): the timer is looked up once per consumer. */
    private final Map<String, Timer> lagTimers = new ConcurrentHashMap<>();

    private Timer lagTimer(String consumer) {
        return Timer.builder("confops.inbox.apply.lag").description("From the event's creation to its effect committed")
                .tags("consumer", consumer).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /**
     * Registers a consumer's fault counters at zero the first time it reads: an alert on {@code increase(...)}
     * only sees the first retry or dead letter if the series existed before it.
     */
    void known(String consumer) {
        if (known.add(consumer)) {
            Counter.builder("confops.inbox.retries").description("Batches retried after a transient fault")
                    .tags("consumer", consumer).register(registry);
            for (DeadLetterKind kind : DeadLetterKind.values()) {
                Counter.builder("confops.inbox.dead.letters").description("Records sent to the dead-letter topic")
                        .tags("consumer", consumer, "reason", kind.name().toLowerCase(java.util.Locale.ROOT))
                        .register(registry);
            }
        }
    }

    void events(String consumer, String type, String outcome, int count) {
        if (count > 0) {
            Counter.builder("confops.inbox.events").description("Events read by a consumer, by outcome")
                    .tags("consumer", consumer, "type", type, "outcome", outcome).register(registry).increment(count);
        }
    }

    void deadLettered(String consumer, DeadLetterKind kind) {
        Counter.builder("confops.inbox.dead.letters").description("Records sent to the dead-letter topic")
                .tags("consumer", consumer, "reason", kind.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
    }

    void retried(String consumer) {
        Counter.builder("confops.inbox.retries").description("Batches retried after a transient fault")
                .tags("consumer", consumer).register(registry).increment();
    }

    /**
     * The time from each event's creation (its {@code ce_time}, the producer's commit) until it was applied. Events
     * written in one transaction share their {@code ce_time} (a bulk fulfilment: 100 000), so each distinct value
     * is parsed once per batch.
     */
    void applied(String consumer, List<String> ceTimes, Instant appliedAt) {
        Timer timer = lagTimers.computeIfAbsent(consumer, this::lagTimer);
        Map<String, Duration> lags = new HashMap<>();
        for (String ceTime : ceTimes) {
            if (ceTime == null) {
                continue;
            }
            Duration lag = lags.computeIfAbsent(ceTime, time -> lag(time, appliedAt));
            if (lag != null) {
                timer.record(lag);
            }
        }
    }

    /** Null when unreadable: a producer's clock format is not this consumer's problem. */
    private static Duration lag(String ceTime, Instant appliedAt) {
        try {
            Duration lag = Duration.between(OffsetDateTime.parse(ceTime).toInstant(), appliedAt);
            return lag.isNegative() ? Duration.ZERO : lag;
        } catch (DateTimeParseException unreadableTime) {
            return null;
        }
    }
}
