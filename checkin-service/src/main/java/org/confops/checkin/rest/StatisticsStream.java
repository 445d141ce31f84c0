package org.confops.checkin.rest;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.confops.checkin.config.StatisticsConfig;
import org.confops.checkin.domain.Conference;
import org.confops.checkin.service.StatisticsService;
import org.confops.checkin.service.StatisticsService.Statistics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The statistics as server-sent events: a {@code stats} event whenever the shared snapshot changed (looked at
 * every {@code checkin.stats.stream-tick}, so never older than that plus the snapshot's own age), and a comment
 * line when nothing was sent for {@code checkin.stats.heartbeat}, so proxies that close idle connections keep it.
 * Viewers share the snapshot; a stream costs a map look-up per tick.
 */
@ApplicationScoped
public class StatisticsStream {

    static final String EVENT = "stats";

    @Inject
    StatisticsService statistics;

    @Inject
    StatisticsConfig config;

    @Inject
    ObjectMapper mapper;

    public Multi<OutboundSseEvent> of(Sse sse, Conference conference, String ticketType) {
        return Multi.createFrom().deferred(() -> {
            long heartbeat = config.heartbeat().toNanos();
            Object[] sent = new Object[1];
            long[] sentAt = {System.nanoTime()};
            return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(config.streamTick())
                    .onOverflow().drop()
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(tick -> {
                        Statistics snapshot = statistics.of(conference, ticketType);
                        long now = System.nanoTime();
                        if (snapshot != sent[0]) {
                            sent[0] = snapshot;
                            sentAt[0] = now;
                            return Optional.of(sse.newEventBuilder().name(EVENT).data(json(snapshot)).build());
                        }
                        if (now - sentAt[0] >= heartbeat) {
                            sentAt[0] = now;
                            return Optional.of(sse.newEventBuilder().comment("keep-alive").build());
                        }
                        return Optional.<OutboundSseEvent>empty();
                    })
                    .filter(Optional::isPresent).map(Optional::get);
        });
    }

    private String json(Statistics snapshot) {
        try {
            return mapper.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
