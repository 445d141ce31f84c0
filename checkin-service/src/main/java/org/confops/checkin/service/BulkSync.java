package org.confops.checkin.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.confops.checkin.config.SyncConfig;
import org.confops.checkin.domain.Conference;
import org.confops.checkin.domain.CheckIn;
import org.confops.checkin.messaging.AttendeeCheckedIn;
import org.confops.checkin.messaging.AttendeeCheckedOut;
import org.confops.platform.outbox.Outbox;
import org.confops.platform.sql.SetBasedSql;
import org.confops.platform.security.Actor;
import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * A device's offline queue applied in chunks, one transaction each, with the per-item rules of
 * {@link SyncService#apply}: each nonce once (claimed for the whole chunk in one statement, with its answer; a nonce
 * another upload holds waits for it and gets its first answer), the device's time kept, items in the order sent.
 * Entries and exits — nearly all of a queue — are applied set-based: the chunk's attendees are read, then locked in
 * one statement (in id order, so two devices' chunks cannot deadlock each other), and their check-ins, scan-log
 * lines, counts and outbox events are written a statement each. Hand-outs go one by one through
 * {@link RedemptionService} in the same transaction (the line's lock decides who gets the last unit). A chunk the
 * database refuses as a whole is applied again item by item, each in its own transaction.
 */
@ApplicationScoped
public class BulkSync {

    private static final int MAX_TEXT = 200;

    @Inject
    SyncService single;

    @Inject
    SyncConfig config;

    @Inject
    DoorTraffic door;

    @Inject
    BulkSync self;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Tallies tallies;

    @Inject
    DoorMetrics metrics;

    @Inject
    ObjectMapper mapper;

    public List<Map<String, Object>> apply(Conference conference, List<SyncItem> items, Actor actor) {
        List<Map<String, Object>> results = new ArrayList<>(items.size());
        int size = config.chunkSize();
        for (int from = 0; from < items.size(); from += size) {
            List<SyncItem> chunk = items.subList(from, Math.min(items.size(), from + size));
            door.quiet(config.yieldToDoor());
            try {
                results.addAll(self.applyChunk(conference, chunk, actor));
            } catch (RuntimeException refused) {
                Log.infof("Sync chunk of %d applied item by item: %s", chunk.size(), refused.getMessage());
                for (SyncItem item : chunk) {
                    results.add(single.apply(conference, item, actor));
                }
            }
        }
        return results;
    }

    /**
     * Each new nonce is recorded once, with its answer: the movements' answers are worked out from the attendees
     * as read just before (no lock yet), the nonces claimed with them, and only then are the attendees locked,
     * as in {@link SyncService#apply} (claim, then lock: a nonce another transaction holds is waited for before
     * any attendee is). Should the locked attendees differ from what was read, or some nonces already be taken,
     * the claimed ones' answers are worked out again from the locked rows and those that changed rewritten.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Map<String, Object>> applyChunk(Conference conference, List<SyncItem> chunk, Actor actor) {
        Instant now = Timestamps.now();
        Map<String, SyncItem> first = new LinkedHashMap<>();
        for (SyncItem item : chunk) {
            first.putIfAbsent(item.nonce(), item);
        }
        List<SyncItem> movements = new ArrayList<>();
        List<SyncItem> others = new ArrayList<>();
        for (SyncItem item : first.values()) {
            (SyncItem.SCAN.equals(item.type()) || SyncItem.EXIT.equals(item.type()) ? movements : others).add(item);
        }
        Map<String, Person> seen = people(conference, movements, false);
        List<Long> ids = checkInIds(movements.size());
        Movements guessed = new Movements(conference, actor, now);
        Map<String, Map<String, Object>> answers = guessed.apply(movements, copies(seen), ids);
        Set<String> claimed = claim(conference, first.values(), answers, now);
        Movements applied = guessed;
        List<SyncItem> mine = movements.stream().filter(item -> claimed.contains(item.nonce())).toList();
        if (mine.isEmpty()) {
            applied = new Movements(conference, actor, now); // a replay: nothing to lock or write
            answers.keySet().retainAll(claimed);
        } else {
            Map<String, Person> locked = people(conference, movements, true);
            if (mine.size() < movements.size() || !same(seen, locked)) {
                applied = new Movements(conference, actor, now);
                Map<String, Map<String, Object>> again = applied.apply(mine, locked, ids);
                Map<String, Map<String, Object>> changed = new HashMap<>();
                again.forEach((nonce, answer) -> {
                    if (!answer.equals(answers.get(nonce))) {
                        changed.put(nonce, answer);
                    }
                });
                store(conference, changed);
                answers.keySet().retainAll(claimed);
                answers.putAll(again);
            }
        }
        applied.write();
        Map<String, Map<String, Object>> handedOut = new HashMap<>();
        for (SyncItem item : others) {
            if (claimed.contains(item.nonce())) {
                handedOut.put(item.nonce(), single.perform(conference, item, actor));
            }
        }
        store(conference, handedOut);
        answers.putAll(handedOut);
        Map<String, Map<String, Object>> earlier = stored(conference, chunk, claimed);
        List<Map<String, Object>> results = new ArrayList<>(chunk.size());
        Set<String> answered = new HashSet<>();
        for (SyncItem item : chunk) {
            if (claimed.contains(item.nonce()) && answered.add(item.nonce())) {
                results.add(answers.get(item.nonce()));
                metrics.synced(conference.slug, "applied");
            } else {
                metrics.synced(conference.slug, "replayed");
                Map<String, Object> replay = new LinkedHashMap<>();
                replay.put("nonce", item.nonce());
                replay.put("status", "already_processed");
                replay.put("original", claimed.contains(item.nonce()) ? answers.get(item.nonce())
                        : earlier.getOrDefault(item.nonce(), Map.of()));
                results.add(replay);
            }
        }
        return results;
    }

    /**
     * Records the chunk's new nonces in one statement, each with its answer ({@code {}} for a hand-out, answered
     * after); those already recorded (or being recorded: waited for) are not.
     */
    private Set<String> claim(Conference conference, java.util.Collection<SyncItem> items,
            Map<String, Map<String, Object>> answers, Instant now) {
        Set<String> claimed = new HashSet<>();
        jdbc(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO sync_item (conference_id, nonce, item_type, result, received_at)
                    SELECT ?, n, t, r, ? FROM unnest(?::text[], ?::text[], ?::text[]) AS i(n, t, r)
                    ON CONFLICT DO NOTHING RETURNING nonce""")) {
                insert.setLong(1, conference.id);
                insert.setTimestamp(2, Timestamp.from(now));
                insert.setArray(3, array(connection, "text", items.stream().map(SyncItem::nonce).toList()));
                insert.setArray(4, array(connection, "text", items.stream().map(SyncItem::type).toList()));
                insert.setArray(5, array(connection, "text", items.stream().map(item -> {
                    Map<String, Object> answer = answers.get(item.nonce());
                    return answer == null ? "{}" : json(answer);
                }).toList()));
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(rows.getString(1));
                    }
                }
            }
        });
        return claimed;
    }

    /** Rewrites the answers of nonces this transaction claimed. */
    private void store(Conference conference, Map<String, Map<String, Object>> answers) {
        if (answers.isEmpty()) {
            return;
        }
        List<String> nonces = new ArrayList<>(answers.keySet());
        List<String> results = nonces.stream().map(nonce -> json(answers.get(nonce))).toList();
        em.flush();
        jdbc(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE sync_item s SET result = v.r FROM unnest(?::text[], ?::text[]) AS v(n, r)
                    WHERE s.conference_id = ? AND s.nonce = v.n""")) {
                update.setArray(1, array(connection, "text", nonces));
                update.setArray(2, array(connection, "text", results));
                update.setLong(3, conference.id);
                update.executeUpdate();
            }
        });
    }

    /** First answers of the chunk's nonces that earlier uploads (or concurrent ones, now committed) recorded. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> stored(Conference conference, List<SyncItem> chunk, Set<String> claimed) {
        List<String> wanted = chunk.stream().map(SyncItem::nonce).filter(n -> !claimed.contains(n)).distinct().toList();
        Map<String, Map<String, Object>> earlier = new HashMap<>();
        if (wanted.isEmpty()) {
            return earlier;
        }
        jdbc(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT nonce, result FROM sync_item WHERE conference_id = ? AND nonce = ANY(?)")) {
                select.setLong(1, conference.id);
                select.setArray(2, array(connection, "text", wanted));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        try {
                            earlier.put(rows.getString(1), mapper.readValue(rows.getString(2), Map.class));
                        } catch (JsonProcessingException unreadable) {
                            earlier.put(rows.getString(1), Map.of());
                        }
                    }
                }
            }
        });
        return earlier;
    }

    /**
     * The items' attendees with their orders; locked, in id order (no deadlock between two chunks). The order
     * is looked up per attendee on its key: joined, a few hundred attendees made the planner hash all the
     * conference's orders (a scan of 100 000 rows per chunk).
     */
    private Map<String, Person> people(Conference conference, List<SyncItem> items, boolean lock) {
        List<String> codes = items.stream().map(i -> i.accessCode() == null ? "" : i.accessCode().trim())
                .filter(c -> !c.isEmpty()).distinct().toList();
        Map<String, Person> people = new HashMap<>();
        if (codes.isEmpty()) {
            return people;
        }
        jdbc(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT a.id, a.access_code, a.order_id,
                      (SELECT o.status FROM customer_order o WHERE o.id = a.order_id),
                      attendee_ticket_type(a.order_id),
                      a.first_checked_in_at, a.inside, a.last_moved_at, a.last_entry_at
                    FROM attendee a
                    WHERE a.conference_id = ? AND a.access_code = ANY(?)
                    ORDER BY a.id""" + (lock ? " FOR UPDATE OF a" : ""))) {
                select.setLong(1, conference.id);
                select.setArray(2, array(connection, "text", codes));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Person person = new Person();
                        person.id = rows.getLong(1);
                        person.accessCode = rows.getString(2);
                        person.orderId = (Long) rows.getObject(3);
                        person.orderStatus = rows.getString(4);
                        person.ticketType = rows.getString(5);
                        person.first = instant(rows.getTimestamp(6));
                        person.inside = rows.getBoolean(7);
                        person.lastMoved = instant(rows.getTimestamp(8));
                        person.lastEntry = instant(rows.getTimestamp(9));
                        people.put(person.accessCode, person);
                    }
                }
            }
        });
        return people;
    }

    private List<Long> checkInIds(int count) {
        List<Long> ids = new ArrayList<>(count);
        if (count == 0) {
            return ids;
        }
        jdbc(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT nextval('check_in_id_seq') FROM generate_series(1, ?)")) {
                select.setInt(1, count);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
        });
        return ids;
    }

    /** An attendee as a chunk of movements sees and changes them. */
    private static final class Person {
        long id;
        String accessCode;
        Long orderId;
        String orderStatus;
        String ticketType;
        Instant first;
        boolean inside;
        Instant lastMoved;
        Instant lastEntry;
        boolean changed;

        Person copy() {
            Person copy = new Person();
            copy.id = id;
            copy.accessCode = accessCode;
            copy.orderId = orderId;
            copy.orderStatus = orderStatus;
            copy.ticketType = ticketType;
            copy.first = first;
            copy.inside = inside;
            copy.lastMoved = lastMoved;
            copy.lastEntry = lastEntry;
            return copy;
        }

        boolean sameAs(Person other) {
            return other != null && id == other.id && accessCode.equals(other.accessCode)
                    && java.util.Objects.equals(orderId, other.orderId)
                    && java.util.Objects.equals(orderStatus, other.orderStatus)
                    && java.util.Objects.equals(ticketType, other.ticketType)
                    && java.util.Objects.equals(first, other.first) && inside == other.inside
                    && java.util.Objects.equals(lastMoved, other.lastMoved)
                    && java.util.Objects.equals(lastEntry, other.lastEntry);
        }
    }

    private static Map<String, Person> copies(Map<String, Person> people) {
        Map<String, Person> copies = new HashMap<>();
        people.forEach((code, person) -> copies.put(code, person.copy()));
        return copies;
    }

    private static boolean same(Map<String, Person> seen, Map<String, Person> locked) {
        return seen.size() == locked.size()
                && seen.entrySet().stream().allMatch(e -> e.getValue().sameAs(locked.get(e.getKey())));
    }

    /** The set-based application of a chunk's entries and exits. */
    private final class Movements {
        private final Conference conference;
        private final Actor actor;
        private final Instant now;
        private final List<Object[]> checkIns = new ArrayList<>();
        private final List<Object[]> logLines = new ArrayList<>();
        private final Map<List<Object>, Long> counts = new LinkedHashMap<>();
        private final List<Object[]> events = new ArrayList<>();
        private Map<String, Person> people = Map.of();

        Movements(Conference conference, Actor actor, Instant now) {
            this.conference = conference;
            this.actor = actor;
            this.now = now;
        }

        /** The items' answers, worked out on {@code people} (changed as the items move them). */
        Map<String, Map<String, Object>> apply(List<SyncItem> items, Map<String, Person> people, List<Long> ids) {
            this.people = people;
            Map<String, Map<String, Object>> answers = new HashMap<>();
            int next = 0;
            for (SyncItem item : items) {
                boolean exit = SyncItem.EXIT.equals(item.type());
                String code = item.accessCode() == null ? "" : item.accessCode().trim();
                String station = item.station() == null || item.station().isBlank() ? null : item.station().trim();
                Person person = people.get(code);
                String refusal = null;
                String reason = null;
                if (code.isEmpty()) {
                    refusal = "access_code is required";
                    reason = "invalid";
                } else if (station != null && station.length() > CheckinService.MAX_STATION_LENGTH) {
                    refusal = "station must be at most " + CheckinService.MAX_STATION_LENGTH + " characters";
                    reason = "invalid";
                } else if (person == null) {
                    refusal = "Attendee not found";
                    reason = "unknown_code";
                } else if (!exit && person.orderStatus == null) {
                    refusal = "Attendee has no order";
                    reason = "not_paid";
                } else if (!exit && !"paid".equals(person.orderStatus)
                        && !"partially_refunded".equals(person.orderStatus)) {
                    refusal = "Order is not paid";
                    reason = "not_paid";
                }
                if (refusal != null) {
                    answers.put(item.nonce(), refused(item, exit, code, station, person, reason, refusal));
                    continue;
                }
                long checkInId = ids.get(next++);
                answers.put(item.nonce(), admitted(item, exit, station, person, checkInId));
            }
            return answers;
        }

        private Map<String, Object> admitted(SyncItem item, boolean exit, String station, Person person, long id) {
            Instant at = item.clientTime() == null || item.clientTime().isAfter(now) ? now
                    : item.clientTime().truncatedTo(ChronoUnit.MICROS);
            boolean reentry = !exit && person.first != null;
            if (!exit && (person.first == null || at.isBefore(person.first))) {
                person.first = at;
            }
            if (person.lastMoved == null || !at.isBefore(person.lastMoved)) {
                person.inside = !exit;
                person.lastMoved = at;
            }
            if (!exit) {
                if (person.lastEntry == null || at.isAfter(person.lastEntry)) {
                    person.lastEntry = at;
                }
                counts.merge(List.of(Tallies.ENTRIES, person.ticketType, station == null ? "" : station,
                        Tallies.slot(at)), 1L, Long::sum);
            }
            person.changed = true;
            String direction = exit ? CheckIn.EXIT : CheckIn.ENTRY;
            checkIns.add(new Object[] {id, person.id, station, at, direction});
            logLines.add(new Object[] {direction, person.accessCode, person.id, "accepted", null, null, station,
                    item.nonce(), item.clientTime(), id});
            events.add(new Object[] {exit, id, person, station, at, reentry, person.first});
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("nonce", item.nonce());
            result.put("status", exit ? "checked_out" : "checked_in");
            result.put("checkin_id", id);
            result.put("reentry", reentry);
            result.put("checked_in_at", at.toString());
            return result;
        }

        private Map<String, Object> refused(SyncItem item, boolean exit, String code, String station, Person person,
                String reason, String message) {
            logLines.add(new Object[] {exit ? CheckIn.EXIT : CheckIn.ENTRY, code.isEmpty() ? null : clip(code),
                    person == null ? null : person.id, "refused", reason, message, clip(station), item.nonce(),
                    item.clientTime(), null});
            counts.merge(List.of(Tallies.REFUSED, person == null ? "" : person.ticketType, reason, Tallies.UNDATED),
                    1L, Long::sum);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("nonce", item.nonce());
            result.put("status", "error");
            result.put("reason", reason);
            result.put("error", message);
            return result;
        }

        private void write() {
            if (checkIns.isEmpty() && logLines.isEmpty()) {
                return;
            }
            Timestamp recorded = Timestamp.from(now);
            List<Object[]> changed = people.values().stream().filter(p -> p.changed)
                    .map(p -> new Object[] {p.id, p.first, p.inside, p.lastMoved, p.lastEntry}).toList();
            List<Object[]> deltas = counts.entrySet().stream().map(e -> new Object[] {e.getKey().get(0),
                e.getKey().get(1), e.getKey().get(2), e.getKey().get(3), e.getValue()}).toList();
            // one statement, one round trip: under load each round trip waits for the CPU twice (the service's
            // thread and the database backend), which cost more than the statements' own work
            jdbc(connection -> {
                try (PreparedStatement write = connection.prepareStatement("""
                        WITH moved AS (
                          INSERT INTO check_in (id, attendee_id, conference_id, station, checked_in_at, direction,
                            recorded_at, actor_subject, actor_name)
                          SELECT i, a, ?, s, t, d, ?, ?, ?
                          FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::timestamptz[], ?::text[]) AS m(i, a, s, t, d)),
                        counted AS (
                          UPDATE attendee a SET first_checked_in_at = v.f, inside = v.i, last_moved_at = v.m,
                            last_entry_at = v.e
                          FROM unnest(?::bigint[], ?::timestamptz[], ?::boolean[], ?::timestamptz[], ?::timestamptz[])
                            AS v(id, f, i, m, e)
                          WHERE a.id = v.id),
                        logged AS (
                          INSERT INTO scan_log (conference_id, scan_type, access_code, attendee_id, result, reason,
                            message, station, actor_subject, actor_name, nonce, client_time, server_time, checkin_id)
                          SELECT ?, t, c, a, r, re, m, s, ?, ?, n, ct, ?, ci
                          FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::timestamptz[], ?::bigint[]) WITH ORDINALITY AS l(t, c, a, r, re, m, s, n, ct, ci, o)
                          ORDER BY o),
                        tallied AS (
                          INSERT INTO tally_delta (conference_id, metric, ticket_type, dimension, bucket, value)
                          SELECT ?, m, t, d, b, v
                          FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::bigint[]) AS c(m, t, d, b, v))
                        SELECT 1""")) {
                    int p = 0;
                    write.setLong(++p, conference.id);
                    write.setTimestamp(++p, recorded);
                    write.setString(++p, actor.subject());
                    write.setString(++p, actor.name());
                    for (String[] column : new String[][] {{"bigint", "0"}, {"bigint", "1"}, {"text", "2"},
                        {"timestamptz", "3"}, {"text", "4"}}) {
                        write.setArray(++p, column(connection, column[0], checkIns, Integer.parseInt(column[1])));
                    }
                    String[] attendeeTypes = {"bigint", "timestamptz", "boolean", "timestamptz", "timestamptz"};
                    for (int c = 0; c < attendeeTypes.length; c++) {
                        write.setArray(++p, column(connection, attendeeTypes[c], changed, c));
                    }
                    write.setLong(++p, conference.id);
                    write.setString(++p, actor.subject());
                    write.setString(++p, actor.name());
                    write.setTimestamp(++p, recorded);
                    String[] logTypes = {"text", "text", "bigint", "text", "text", "text", "text", "text", "timestamptz",
                        "bigint"};
                    for (int c = 0; c < logTypes.length; c++) {
                        write.setArray(++p, column(connection, logTypes[c], logLines, c));
                    }
                    write.setLong(++p, conference.id);
                    String[] deltaTypes = {"text", "text", "text", "timestamptz", "bigint"};
                    for (int c = 0; c < deltaTypes.length; c++) {
                        write.setArray(++p, column(connection, deltaTypes[c], deltas, c));
                    }
                    write.executeQuery().close();
                }
                for (Object[] line : logLines) {
                    metrics.scanned(conference.slug, (String) line[0], (String) line[3], (String) line[4]);
                }
            });
            if (!counts.isEmpty()) {
                tallies.touched(conference.id);
            }
            publish();
        }

        /** The events in the order the items came, a statement per run of one type. */
        private void publish() {
            List<Outbox.Entry> run = new ArrayList<>();
            Boolean runIsExit = null;
            for (Object[] e : events) {
                boolean exit = (Boolean) e[0];
                if (runIsExit != null && runIsExit != exit) {
                    flush(runIsExit, run);
                }
                runIsExit = exit;
                long id = (Long) e[1];
                Person person = (Person) e[2];
                String station = (String) e[3];
                Instant at = (Instant) e[4];
                Object data = exit
                        ? new AttendeeCheckedOut(id, person.id, conference.id, conference.slug, person.accessCode,
                                station, at, actor)
                        : new AttendeeCheckedIn(id, person.id, conference.id, conference.slug, person.accessCode,
                                station, at, (Instant) e[6], (Boolean) e[5], actor);
                run.add(new Outbox.Entry(String.valueOf(person.id), person.accessCode, data));
            }
            if (runIsExit != null) {
                flush(runIsExit, run);
            }
        }

        private void flush(boolean exit, List<Outbox.Entry> run) {
            outbox.addAll("attendees", exit ? AttendeeCheckedOut.TYPE : AttendeeCheckedIn.TYPE, List.copyOf(run));
            run.clear();
        }
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private void jdbc(Work work) {
        em.unwrap(Session.class).doWork(work::run);
    }

    private static Array column(Connection connection, String type, List<Object[]> rows, int index)
            throws SQLException {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = rows.get(i)[index];
            values[i] = value instanceof Instant instant ? Timestamp.from(instant) : value;
        }
        return SetBasedSql.array(connection, type, values);
    }

    private static Array array(Connection connection, String type, List<String> values) throws SQLException {
        return SetBasedSql.array(connection, type, values.toArray());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String clip(String value) {
        return value == null || value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT);
    }

    private String json(Map<String, Object> result) {
        try {
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
