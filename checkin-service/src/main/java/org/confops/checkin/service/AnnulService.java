package org.confops.checkin.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.confops.checkin.domain.Attendee;
import org.confops.checkin.domain.CheckIn;
import org.confops.checkin.domain.Conference;
import org.confops.checkin.messaging.CheckInAnnulled;
import org.confops.checkin.repository.CheckInRepository;
import org.confops.platform.errors.Rejection;
import org.confops.platform.outbox.Outbox;
import org.confops.platform.security.Actor;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Undoes a mistaken check-in (or exit): the row stays, marked with who undid it and why, and stops counting.
 * Only soon after the scan (a correction at the desk, not a rewrite of the day), and only by whoever made it
 * or a supervisor. The attendee's first check-in becomes the earliest one left, or none.
 */
@ApplicationScoped
public class AnnulService {

    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final int MAX_REASON_LENGTH = 500;

    /** The check-in as annulled, and the attendee as it is now. */
    public record Annulment(CheckIn checkIn, Attendee attendee) {
    }

    @Inject
    CheckInRepository checkIns;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Tallies tallies;

    @Inject
    ObjectMapper mapper;

    /**
     * @param checkinId the check-in's id, or null when named by {@code nonce} (the device's id for the scan)
     * @param supervisor whether the caller holds {@code supervise_checkin}: may annul anyone's scans
     */
    @Transactional
    public Annulment annul(Conference conference, Long checkinId, String nonce, String reason, Actor actor,
            boolean supervisor) {
        String why = reason == null ? "" : reason.trim();
        if (why.isEmpty() || why.length() > MAX_REASON_LENGTH) {
            throw Rejection.invalid("reason is required (at most " + MAX_REASON_LENGTH + " characters)")
                    .with("field", "reason");
        }
        long id = checkinId != null ? checkinId : byNonce(conference, nonce);
        CheckIn found = checkIns.findByIdOptional(id).filter(c -> c.conferenceId.equals(conference.id))
                .orElseThrow(() -> Rejection.notFound("Check-in not found").with("checkin_id", id));
        // the attendee's row lock orders this with concurrent scans and annulments of the same badge
        Attendee attendee = em.find(Attendee.class, found.attendeeId, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(found);
        if (found.annulled()) {
            throw Rejection.conflict("Check-in already annulled").with("checkin_id", id)
                    .with("annulled_at", found.annulledAt.toString());
        }
        if (!supervisor && !actor.subject().equals(found.actorSubject)) {
            throw Rejection.forbidden("Only who made the scan, or a supervisor (supervise_checkin), may annul it")
                    .with("checkin_id", id);
        }
        Instant now = Timestamps.now();
        // counted from when the server recorded it: a scan uploaded late from a device can still be corrected
        if (found.recordedAt.plus(WINDOW).isBefore(now)) {
            throw Rejection.conflict("A check-in can only be annulled within " + WINDOW.toMinutes() + " minutes")
                    .with("checkin_id", id).with("recorded_at", found.recordedAt.toString());
        }
        found.annulledAt = now;
        found.annulledBySubject = actor.subject();
        found.annulledByName = actor.name();
        found.annulReason = why;
        checkIns.flush();
        attendee.firstCheckedInAt = firstEntry(attendee.id);
        recountMovements(attendee);
        tallies.touched(conference.id);
        if (CheckIn.ENTRY.equals(found.direction)) {
            tallies.add(conference.id, Tallies.ENTRIES, tallies.ticketTypeOf(attendee.orderId),
                    found.station == null ? "" : found.station, Tallies.slot(found.checkedInAt), -1);
        }
        outbox.add("attendees", attendee.id.toString(), CheckInAnnulled.TYPE, attendee.accessCode,
                new CheckInAnnulled(found.id, attendee.id, conference.id, conference.slug, attendee.accessCode,
                        found.direction, found.station, found.checkedInAt,
                        new Actor(found.actorSubject, found.actorName), now, actor, why, attendee.firstCheckedInAt,
                        attendee.checkedIn()));
        return new Annulment(found, attendee);
    }

    /** Who is inside and the latest entry, from the movements left (the attendee's few rows, on their index). */
    private void recountMovements(Attendee attendee) {
        @SuppressWarnings("unchecked")
        List<Object[]> latest = em.createNativeQuery("""
                SELECT direction, checked_in_at,
                  (SELECT max(checked_in_at) FROM check_in
                   WHERE attendee_id = ?1 AND direction = 'entry' AND annulled_at IS NULL)
                FROM check_in WHERE attendee_id = ?1 AND annulled_at IS NULL
                ORDER BY checked_in_at DESC, id DESC LIMIT 1""").setParameter(1, attendee.id).getResultList();
        if (latest.isEmpty()) {
            attendee.inside = false;
            attendee.lastMovedAt = null;
            attendee.lastEntryAt = null;
            return;
        }
        Object[] row = latest.get(0);
        attendee.inside = CheckIn.ENTRY.equals(row[0]);
        attendee.lastMovedAt = Timestamps.instant(row[1]);
        attendee.lastEntryAt = Timestamps.instant(row[2]);
    }

    private Instant firstEntry(long attendeeId) {
        List<Instant> first = em.createQuery("""
                SELECT min(c.checkedInAt) FROM CheckIn c
                WHERE c.attendeeId = ?1 AND c.direction = 'entry' AND c.annulledAt IS NULL""", Instant.class)
                .setParameter(1, attendeeId).getResultList();
        return first.isEmpty() ? null : first.get(0);
    }

    /** The check-in a device's scan recorded, from what was stored with its nonce. */
    private long byNonce(Conference conference, String nonce) {
        if (nonce == null || nonce.isBlank()) {
            throw Rejection.invalid("checkin_id or nonce is required");
        }
        @SuppressWarnings("unchecked")
        List<String> results = em.createNativeQuery(
                "SELECT result FROM sync_item WHERE conference_id = ?1 AND nonce = ?2")
                .setParameter(1, conference.id).setParameter(2, nonce).getResultList();
        Object checkinId = null;
        if (!results.isEmpty()) {
            try {
                checkinId = mapper.readValue(results.get(0), Map.class).get("checkin_id");
            } catch (java.io.IOException unreadable) {
                checkinId = null;
            }
        }
        if (!(checkinId instanceof Number number)) {
            throw Rejection.notFound("No check-in was recorded with this nonce").with("nonce", nonce);
        }
        return number.longValue();
    }
}
