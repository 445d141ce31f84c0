package org.confops.catalog.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.catalog.support.Catalog.as;
import static org.confops.catalog.support.Catalog.conference;
import static org.confops.catalog.support.Catalog.orderBody;
import static org.confops.catalog.support.Catalog.orders;
import static org.confops.catalog.support.Catalog.organizer;
import static org.confops.catalog.support.Catalog.placeOrder;
import static org.confops.catalog.support.Catalog.productBody;
import static org.confops.catalog.support.Catalog.ticketType;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.confops.platform.outbox.OutboxRepository;
import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.PlatformEvents.Received;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The outbox: events commit with their change, none for a refused one (a relay crash resending rows is the
 * library's, tested once in the platform module's RelayTest).
 */
@QuarkusTest
class OutboxTest {

    @Inject
    OutboxRepository outbox;

    @Test
    void orderLifecycleIsPublishedInOrderWithGrowingVersions() {
        String conf = conference();
        ticketType(conf, "regular", "100");
        JsonPath order = placeOrder(conf, orderBody("regular", null, null));
        String id = order.getString("id");
        as(organizer(conf)).body(Map.of("reference", "psp")).post(orders(conf) + "/" + id + "/payments")
                .then().statusCode(201);
        as(organizer(conf)).body(Map.of()).post(orders(conf) + "/" + id + "/refunds").then().statusCode(200);

        List<Received> events = PlatformEvents.read("orders",
                r -> id.equals(r.key()) && "order.changed".equals(r.type()), 3, Duration.ofSeconds(30));

        assertThat(events).extracting(e -> e.data().get("status").asText())
                .containsExactly("pending", "paid", "refunded");
        assertThat(events).extracting(e -> e.data().get("version").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(events.get(0).headers()).containsEntry("ce_subject", order.getString("reference"));
        String attendeeId = order.getString("attendee.id");
        List<Received> attendees = PlatformEvents.read("attendees",
                r -> attendeeId.equals(r.key()) && "attendee.changed".equals(r.type()), 1, Duration.ofSeconds(30));
        assertThat(attendees.get(0).data().get("access_code").asText())
                .isEqualTo(order.getString("attendee.access_code"));
    }

    @Test
    void aRefusedChangeWritesNoEvent() {
        String conf = conference();
        Map<String, Object> limited = productBody("limited", "10");
        limited.put("capacity", 0);
        ticketType(conf, limited);
        long before = QuarkusTransaction.requiringNew().call(() -> outbox.count());

        as(organizer(conf)).body(orderBody("limited", null, null)).post(orders(conf)).then().statusCode(409);
        as(organizer(conf)).body(orderBody("missing", null, null)).post(orders(conf)).then().statusCode(422);

        assertThat(QuarkusTransaction.requiringNew().call(() -> outbox.count())).isEqualTo(before);
    }
}
