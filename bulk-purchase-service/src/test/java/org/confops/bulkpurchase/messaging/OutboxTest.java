package org.confops.bulkpurchase.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.bulkpurchase.support.Fixtures.conference;
import static org.confops.bulkpurchase.support.Fixtures.create;
import static org.confops.bulkpurchase.support.Fixtures.post;
import static org.confops.bulkpurchase.support.Fixtures.purchase;
import static org.confops.bulkpurchase.support.Fixtures.voucherConfig;

import jakarta.inject.Inject;

import org.confops.platform.outbox.OutboxRepository;
import org.confops.bulkpurchase.support.Fixtures.Conf;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The outbox: events commit with their change, none for a refused one (a relay crash resending rows is the
 * library's, tested once in the platform module's RelayTest).
 */
@QuarkusTest
class OutboxTest {

    @Inject
    OutboxRepository outbox;

    @Test
    void aRefusedTransitionWritesNoEvent() {
        Conf conf = conference();
        long id = create(conf, purchase(null, 3, null, "10", voucherConfig("comp", "0"))).getLong("id");
        long before = QuarkusTransaction.requiringNew().call(() -> outbox.count());

        post(conf, id, "fulfill", 409);
        post(conf, id, "refund", 409);

        assertThat(QuarkusTransaction.requiringNew().call(() -> outbox.count())).isEqualTo(before);
    }
}
