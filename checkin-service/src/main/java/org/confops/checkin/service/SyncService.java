package org.confops.checkin.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.confops.checkin.domain.Conference;
import org.confops.checkin.security.Actor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Applies items that scanners queued offline, each in its own transaction together with the record of its
 * nonce: a replayed batch, or two devices sending the same item at once, is applied exactly once, and a
 * replay is answered {@code already_processed} with the first answer.
 */
@ApplicationScoped
public class SyncService {

    @Inject
    CheckinService checkins;

    @Inject
    RedemptionService redemptions;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = Rejection.class)
    public Map<String, Object> apply(Conference conference, SyncItem item, Actor actor) {
        int claimed = em.createNativeQuery("""
                INSERT INTO sync_item (conference_id, nonce, item_type, result, received_at)
                VALUES (?1, ?2, ?3, '{}', ?4) ON CONFLICT DO NOTHING""")
                .setParameter(1, conference.id).setParameter(2, item.nonce()).setParameter(3, item.type())
                .setParameter(4, Timestamps.now()).executeUpdate();
        if (claimed == 0) {
            Map<String, Object> replay = new LinkedHashMap<>();
            replay.put("nonce", item.nonce());
            replay.put("status", "already_processed");
            replay.put("original", stored(conference, item.nonce()));
            return replay;
        }
        Map<String, Object> result = perform(conference, item, actor);
        em.createNativeQuery("UPDATE sync_item SET result = ?1 WHERE conference_id = ?2 AND nonce = ?3")
                .setParameter(1, json(result)).setParameter(2, conference.id).setParameter(3, item.nonce())
                .executeUpdate();
        return result;
    }

    private Map<String, Object> perform(Conference conference, SyncItem item, Actor actor) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("nonce", item.nonce());
        try {
            switch (item.type()) {
                case SyncItem.SCAN, SyncItem.EXIT -> {
                    ScanResult scan = checkins.scan(conference, new Movement(item.accessCode(), item.station(),
                            SyncItem.EXIT.equals(item.type()) ? "exit" : "entry", item.clientTime()), actor);
                    result.put("status", SyncItem.EXIT.equals(item.type()) ? "checked_out" : "checked_in");
                    result.put("checkin_id", scan.checkIn().id);
                    result.put("reentry", scan.reentry());
                    result.put("checked_in_at", scan.checkIn().checkedInAt.toString());
                }
                case SyncItem.REDEEM -> {
                    if (item.lineItemId() == null) {
                        throw Rejection.invalid("line_item_id is required for a redemption");
                    }
                    RedemptionResult redeemed = redemptions.redeem(conference, item.accessCode(), item.lineItemId(),
                            actor);
                    result.put("status", "redeemed");
                    result.put("redemption_id", redeemed.redemption().id);
                    result.put("line_item_id", redeemed.line().id);
                    result.put("remaining", redeemed.line().remaining());
                }
                default -> throw Rejection.invalid("type must be scan, exit or redeem");
            }
        } catch (Rejection rejection) {
            result.put("status", "error");
            result.put("reason", reason(rejection));
            result.put("error", rejection.getMessage());
        }
        return result;
    }

    /** The machine-readable reason a scanner shows: what it would have shown had it been online. */
    private static String reason(Rejection rejection) {
        return switch (rejection.kind()) {
            case NOT_FOUND -> "unknown_code";
            case CONFLICT -> "Product already fully redeemed".equals(rejection.getMessage()) ? "fully_redeemed"
                    : "not_paid";
            default -> "invalid";
        };
    }

    private Object stored(Conference conference, String nonce) {
        String result = (String) em.createNativeQuery(
                "SELECT result FROM sync_item WHERE conference_id = ?1 AND nonce = ?2")
                .setParameter(1, conference.id).setParameter(2, nonce).getSingleResult();
        try {
            return mapper.readValue(result, Map.class);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private String json(Map<String, Object> result) {
        try {
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a device timestamp; null when absent, a 400-worthy item when malformed. */
    public static Instant clientTime(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw Rejection.invalid("client_time must be an ISO-8601 timestamp with offset");
        }
    }
}
