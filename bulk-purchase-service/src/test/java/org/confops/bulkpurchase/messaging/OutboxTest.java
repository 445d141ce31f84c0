package org.confops.bulkpurchase.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.confops.bulkpurchase.support.Fixtures.conference;
import static org.confops.bulkpurchase.support.Fixtures.create;
import static org.confops.bulkpurchase.support.Fixtures.post;
import static org.confops.bulkpurchase.support.Fixtures.purchase;
import static org.confops.bulkpurchase.support.Fixtures.voucherConfig;
import static org.confops.bulkpurchase.support.Fixtures.vouchers;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.confops.platform.outbox.OutboxEvent;
import org.confops.platform.outbox.OutboxRepository;
import org.confops.bulkpurchase.support.Fixtures.Conf;
import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.PlatformEvents.Received;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The outbox: events commit with their change, none for a refused one, and a relay crash loses nothing. */
@QuarkusTest
class OutboxTest {

    @Inject
    OutboxRepository outbox;

    private List<OutboxEvent> rows(String key) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.list("recordKey", key));
    }

    @Test
    void aRefusedTransitionWritesNoEvent() {
        Conf conf = conference();
        long id = create(conf, purchase(null, 3, null, "10", voucherConfig("comp", "0"))).getLong("id");
        long before = QuarkusTransaction.requiringNew().call(() -> outbox.count());

        post(conf, id, "fulfill", 409);
        post(conf, id, "refund", 409);

        assertThat(QuarkusTransaction.requiringNew().call(() -> outbox.count())).isEqualTo(before);
    }

    @Test
    void eventsSentButNotMarkedBeforeACrashAreSentAgainWithTheSameId() {
        Conf conf = conference();
        long id = create(conf, purchase(null, 1, null, "0", voucherConfig("comp", "0"))).getLong("id");
        post(conf, id, "approve", 200);
        post(conf, id, "fulfill", 201);
        String key = String.valueOf(vouchers(id).get(0).id);
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(key).stream().allMatch(e -> e.publishedAt != null));

        // as if the relay died after the broker's ack but before its transaction committed
        QuarkusTransaction.requiringNew().run(() -> outbox.update("publishedAt = null where recordKey = ?1", key));
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(key).stream().allMatch(e -> e.publishedAt != null));

        List<Received> copies = PlatformEvents.read("vouchers",
                r -> key.equals(r.key()) && "voucher.issued".equals(r.type()), 2, Duration.ofSeconds(30));
        assertThat(copies).hasSize(2);
        assertThat(copies.get(0).headers().get("ce_id")).isEqualTo(copies.get(1).headers().get("ce_id"));
    }
}
