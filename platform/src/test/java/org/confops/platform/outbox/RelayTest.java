package org.confops.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.confops.platform.events.EventProducer;
import org.confops.platform.events.EventSource;
import org.confops.testinfra.KafkaBroker;
import org.confops.testinfra.KafkaBrokerResource;
import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.PlatformEvents.Received;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.confops.platform.events.EventTracing;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The relay publishes what committed, at the commit (the fallback poll here is 20 s), exactly once per row
 * while one relay is active, survives a frozen broker, and hands over to another instance.
 */
@QuarkusTest
class RelayTest {

    @Inject
    OutboxRepository outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxConfig config;

    @Inject
    EventSource source;

    @Inject
    MeterRegistry registry;

    @Inject
    EventProducer producer;

    @Inject
    EventTracing tracing;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    private static String account() {
        return "relay-" + UUID.randomUUID();
    }

    private static void write(String account, int count) {
        given().post("/test/outbox/" + account + "/" + count).then().statusCode(200);
    }

    private static List<Received> published(String account, int atLeast, Duration timeout) {
        return PlatformEvents.read("ledger", r -> account.equals(r.key()), atLeast, timeout);
    }

    private long backlog() {
        return QuarkusTransaction.requiringNew().call(() -> outbox.backlog());
    }

    @Test
    void theRelayReadsItsBacklogWithoutBitmapScans() throws Exception {
        // a bitmap scan would visit the table for every row published since the last vacuum, at every pass
        try (Connection connection = relay.connect(); Statement statement = connection.createStatement();
                ResultSet setting = statement.executeQuery("SHOW enable_bitmapscan")) {
            assertThat(setting.next()).isTrue();
            assertThat(setting.getString(1)).isEqualTo("off");
        }
    }

    @Test
    void theRelayReadsAndDeletesThroughItsIndexesWhenTheOutboxLookedEmptyAtPlanning() throws Exception {
        // planned on an empty outbox, a sequential scan stayed the relay's plan while deleted rows piled up
        try (Connection connection = relay.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("TRUNCATE outbox_event");
            statement.execute("ANALYZE outbox_event");
            try {
                assertThat(plan(statement, "DELETE FROM outbox_event WHERE id = ANY('{1,2,3}'::bigint[])"))
                        .doesNotContain("Seq Scan").contains("outbox_event_pkey");
                assertThat(plan(statement, """
                        SELECT id, payload FROM outbox_event WHERE published_at IS NULL AND id > 0
                        ORDER BY id LIMIT 1000""")).doesNotContain("Seq Scan").contains("outbox_event_unpublished");
                assertThat(plan(statement, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL"))
                        .doesNotContain("Seq Scan");
                // the purge has no index to use: its scan, priced as if forbidden, must not be compiled with JIT
                assertThat(plan(statement, "DELETE FROM outbox_event WHERE published_at < now()"))
                        .doesNotContain("JIT");
            } finally {
                connection.rollback();
            }
        }
    }

    private static String plan(Statement statement, String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet lines = statement.executeQuery("EXPLAIN " + sql)) {
            while (lines.next()) {
                plan.append(lines.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    @Test
    void aCommitWakesTheRelayLongBeforeItsPoll() {
        String account = account();
        write(account, 1);

        // published well within the 20 s fallback poll: the commit's notification woke the relay
        await().atMost(Duration.ofSeconds(10)).until(() -> allPublished(account));
        List<Received> events = published(account, 1, Duration.ofSeconds(30));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).headers()).containsEntry("ce_type", "ledger.entry")
                .containsEntry("ce_source", "/platform-test").containsEntry("ce_subject", "entry-0")
                .containsEntry("ce_specversion", "1.0").containsKeys("ce_id", "ce_time");
        assertThat(events.get(0).data().get("entry").asText()).isEqualTo("e0");
    }

    @Test
    void aPublishedRowIsDeleted() {
        String account = account();
        write(account, 3);
        assertThat(published(account, 3, Duration.ofSeconds(30))).hasSize(3);
        // deleted once acknowledged, on the relay's second connection: not marked, which cost an UPDATE per row
        await().atMost(Duration.ofSeconds(10))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> outbox.count("recordKey", account)) == 0);
    }

    @Test
    void rowsMarkedPublishedByAnEarlierRelayAreNotSentAgain() throws Exception {
        String account = account();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username.orElse(null), null);
                Statement insert = connection.createStatement()) {
            insert.executeUpdate(row(UUID.randomUUID().toString(), account, "marked", true));
        }
        String after = account();
        write(after, 1);
        assertThat(published(after, 1, Duration.ofSeconds(30))).hasSize(1);
        assertThat(published(account, Integer.MAX_VALUE, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void rowsSentButNotDeletedBeforeACrashAreSentAgainWithTheSameId() throws Exception {
        String account = account();
        String eventId = UUID.randomUUID().toString();
        String insert = row(eventId, account, "e0", false);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username.orElse(null), null);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(insert);
            write(account(), 1); // a commit wakes the relay (its fallback poll here is 20 s)
            await().atMost(Duration.ofSeconds(15)).until(() -> allPublished(account));

            // as if the relay died after the broker's ack but before its delete committed: the row is back
            statement.executeUpdate(insert);
            write(account(), 1);
            await().atMost(Duration.ofSeconds(15)).until(() -> allPublished(account));
        }

        List<Received> copies = published(account, 2, Duration.ofSeconds(30));
        assertThat(copies).hasSize(2);
        assertThat(copies).allMatch(copy -> eventId.equals(copy.headers().get("ce_id")));
    }

    @Test
    void aRowWhoseTransactionOutlastsTheOverlapIsStillPublished() throws Exception {
        String late = account();
        try (Connection open = DriverManager.getConnection(jdbcUrl, username.orElse(null), null)) {
            open.setAutoCommit(false);
            try (Statement insert = open.createStatement()) {
                insert.executeUpdate(row(UUID.randomUUID().toString(), late, "late", false));
                // as every outbox insert does: its commit wakes the relay
                insert.execute("SELECT pg_notify('" + Outbox.CHANNEL + "', '')");
            }
            // more ids than the relay's overlap taken meanwhile (rows born published), then a row the relay sends:
            // its passes now start above the open transaction's row
            try (Connection other = DriverManager.getConnection(jdbcUrl, username.orElse(null), null);
                    Statement insert = other.createStatement()) {
                insert.executeUpdate("INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload,"
                        + " occurred_at, published_at) SELECT gen_random_uuid(), 'ledger', 'filler', 'ledger.entry',"
                        + " '{}', now(), now() FROM generate_series(1, " + (OutboxRelay.OVERLAP + 10) + ")");
            }
            String after = account();
            write(after, 1);
            await().atMost(Duration.ofSeconds(15)).until(() -> allPublished(after));
            open.commit();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> allPublished(late));
        assertThat(published(late, 1, Duration.ofSeconds(30))).hasSize(1);
    }

    /** An outbox row written by hand, without the notification {@code Outbox} sends with it. */
    private static String row(String eventId, String account, String entry, boolean published) {
        return "INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, occurred_at, published_at)"
                + " VALUES ('" + eventId + "', 'ledger', '" + account + "', 'ledger.entry', '{\"entry\":\"" + entry
                + "\"}', now(), " + (published ? "now()" : "NULL") + ")";
    }

    /** Nothing of {@code account}'s is waiting in the outbox. */
    private boolean allPublished(String account) {
        return QuarkusTransaction.requiringNew()
                .call(() -> outbox.count("recordKey = ?1 and publishedAt is null", account)) == 0;
    }

    @Test
    void aRolledBackChangeWritesNoEvent() {
        String account = account();
        given().post("/test/outbox/" + account + "/3?fail=true").then().statusCode(409);
        assertThat(QuarkusTransaction.requiringNew().call(() -> outbox.count("recordKey", account))).isZero();
    }

    @Test
    void aFrozenBrokerDelaysButLosesNothingAndTheServiceStaysReady() throws Exception {
        KafkaBroker broker = KafkaBrokerResource.startedBroker()
                .orElseThrow(() -> new AssertionError("this test freezes the broker it started itself"));
        String account = account();
        broker.pause();
        try {
            write(account, 2_000);
            // longer than the relay's send timeout here (2 s): it gives up on the batch and tries again
            Thread.sleep(6_000);
            assertThat(relay.lastError()).isNotNull();
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            broker.resume();
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> backlog() == 0);
        // everything on the topic for this account (more than 2 000 when a batch went twice)
        List<Received> events = published(account, Integer.MAX_VALUE, Duration.ofSeconds(15));

        // a batch sent again after a timeout may be on the topic twice; its events keep their ids, so a consumer
        // applies each once, in the order written
        List<String> firstSeen = events.stream().map(e -> e.headers().get("ce_id")).distinct().toList();
        assertThat(firstSeen).hasSize(2_000);
        assertThat(events.stream().filter(distinctBy(e -> e.headers().get("ce_id")))
                .map(e -> e.data().get("entry").asText()).toList())
                .containsExactlyElementsOf(IntStream.range(0, 2_000).mapToObj(i -> "e" + i).toList());
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.lastError() == null);
    }

    private static <T> java.util.function.Predicate<T> distinctBy(java.util.function.Function<T, Object> key) {
        Set<Object> seen = new java.util.HashSet<>();
        return item -> seen.add(key.apply(item));
    }

    @Test
    void twoRelaysPublishEachRowOnceAndTheSecondTakesOver() throws Exception {
        OutboxRelay second = new OutboxRelay();
        second.config = config;
        second.source = source;
        second.registry = registry;
        second.producer = producer;
        second.tracing = tracing;
        second.jdbcUrl = jdbcUrl;
        second.username = username;
        second.password = Optional.empty();
        second.start(null);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> second.role() == OutboxRelay.Role.STANDBY
                    || second.role() == OutboxRelay.Role.LEADER);
            String account = account();
            write(account, 1_500);
            await().atMost(Duration.ofSeconds(60)).until(() -> backlog() == 0);
            assertThat(Set.of(relay.role(), second.role()))
                    .containsExactlyInAnyOrder(OutboxRelay.Role.LEADER, OutboxRelay.Role.STANDBY);

            // The active relay's database session ends (its instance died): the lock passes on.
            try (Connection admin = DriverManager.getConnection(jdbcUrl, username.orElse(null), null)) {
                admin.createStatement().execute("""
                        SELECT pg_terminate_backend(pid) FROM pg_locks
                        WHERE locktype = 'advisory' AND objid = %d AND granted
                          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"""
                        .formatted(OutboxRelay.RELAY_LOCK));
            }
            // the standby takes over by itself, within a second or so, without waiting for a commit or its poll
            await().atMost(Duration.ofSeconds(4)).until(() -> Set.of(relay.role(), second.role())
                    .equals(Set.of(OutboxRelay.Role.LEADER, OutboxRelay.Role.STANDBY)));
            write(account, 1_000);
            await().atMost(Duration.ofSeconds(60)).until(() -> backlog() == 0);

            List<Received> events = published(account, 2_500, Duration.ofSeconds(60));
            assertThat(events).hasSize(2_500);
            Set<String> ids = events.stream().map(e -> e.headers().get("ce_id")).collect(Collectors.toSet());
            assertThat(ids).hasSize(2_500);

            // a stopped relay lets go of the lock at once, and the container's relay leads again
            second.stop(null);
            await().atMost(Duration.ofSeconds(4)).until(() -> relay.role() == OutboxRelay.Role.LEADER);
        } finally {
            second.stop(null);
        }
    }
}
