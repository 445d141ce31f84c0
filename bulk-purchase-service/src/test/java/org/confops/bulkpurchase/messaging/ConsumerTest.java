package org.confops.bulkpurchase.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.confops.bulkpurchase.support.Fixtures.as;
import static org.confops.bulkpurchase.support.Fixtures.awaitProduct;
import static org.confops.bulkpurchase.support.Fixtures.conference;
import static org.confops.bulkpurchase.support.Fixtures.create;
import static org.confops.bulkpurchase.support.Fixtures.nextId;
import static org.confops.bulkpurchase.support.Fixtures.organizer;
import static org.confops.bulkpurchase.support.Fixtures.post;
import static org.confops.bulkpurchase.support.Fixtures.productData;
import static org.confops.bulkpurchase.support.Fixtures.publishProduct;
import static org.confops.bulkpurchase.support.Fixtures.purchase;
import static org.confops.bulkpurchase.support.Fixtures.superuser;
import static org.confops.bulkpurchase.support.Fixtures.voucherConfig;
import static org.confops.bulkpurchase.support.Fixtures.vouchers;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.bulkpurchase.domain.BulkVoucher;
import org.confops.bulkpurchase.domain.Product;
import org.confops.bulkpurchase.support.Fixtures.Conf;
import org.confops.testinfra.PlatformEvents;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Consumed events: the catalog projection (versions, redelivery) and voucher use counts (voucher.redeemed). */
@QuarkusTest
class ConsumerTest {

    @Inject
    EntityManager em;

    /** Waits until everything published before now with {@code key} on {@code topic} was processed. */
    private void awaitConsumed(String topic, long key) {
        PlatformEvents.awaitConsumed(topic, String.valueOf(key), marker -> QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1")
                .setParameter(1, marker).getSingleResult()).equals(1L));
    }

    private static Map<String, Object> redeemed(BulkVoucher voucher, int timesUsed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("voucher_id", voucher.id);
        data.put("conference_id", voucher.conferenceId);
        data.put("conference_slug", "x");
        data.put("code", voucher.code);
        data.put("bulk_purchase_id", voucher.bulkPurchaseId);
        data.put("order_id", nextId());
        data.put("order_reference", "ORD-" + timesUsed);
        data.put("times_used", timesUsed);
        data.put("max_uses", voucher.maxUses);
        return data;
    }

    private BulkVoucher fulfilledVoucher(Conf conf) {
        Map<String, Object> config = voucherConfig("comp", "0");
        config.put("max_uses", 5);
        long id = create(conf, purchase(null, 1, null, "0", config)).getLong("id");
        post(conf, id, "approve", 200);
        post(conf, id, "fulfill", 201);
        return vouchers(id).get(0);
    }

    @Test
    void redeemedEventsSetTimesUsedAndRedeliveryOrOlderCountsChangeNothing() {
        Conf conf = conference();
        BulkVoucher voucher = fulfilledVoucher(conf);
        String key = String.valueOf(voucher.id);
        String eventId = UUID.randomUUID().toString();
        PlatformEvents.publish("vouchers", key, eventId, "voucher.redeemed", redeemed(voucher, 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> vouchers(voucher.bulkPurchaseId).get(0).timesUsed == 2);
        as(superuser()).get(conf.base() + "/" + voucher.bulkPurchaseId).then().statusCode(200)
                .body("vouchers[0].times_used", equalTo(2)).body("vouchers_used", equalTo(1));

        // the same event id again, even with another count, is a redelivery; an older count arriving late is ignored
        PlatformEvents.publish("vouchers", key, eventId, "voucher.redeemed", redeemed(voucher, 4));
        PlatformEvents.publish("vouchers", key, "voucher.redeemed", redeemed(voucher, 1));
        awaitConsumed("vouchers", voucher.id);
        assertThat(vouchers(voucher.bulkPurchaseId).get(0).timesUsed).isEqualTo(2);

        PlatformEvents.publish("vouchers", key, "voucher.redeemed", redeemed(voucher, 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> vouchers(voucher.bulkPurchaseId).get(0).timesUsed == 3);
    }

    @Test
    void malformedOrUnknownVoucherEventsAreSkippedWithoutStoppingTheConsumer() {
        Conf conf = conference();
        BulkVoucher voucher = fulfilledVoucher(conf);
        String key = String.valueOf(voucher.id);
        PlatformEvents.publishPlain("vouchers", key, "{\"no\":\"cloudevent\"}");
        // not JSON at all: on the catalog topic, because tests read the vouchers topic back as JSON
        PlatformEvents.publish("catalog", String.valueOf(conf.id()), "conference.changed", "{not json");
        PlatformEvents.publish("vouchers", key, "voucher.redeemed", Map.of("times_used", 1));
        Map<String, Object> foreign = redeemed(voucher, 4);
        foreign.put("conference_id", voucher.conferenceId + 1);
        PlatformEvents.publish("vouchers", key, "voucher.redeemed", foreign);
        Map<String, Object> unknown = redeemed(voucher, 1);
        unknown.put("voucher_id", 999_999_999L);
        PlatformEvents.publish("vouchers", key, "voucher.redeemed", unknown);
        PlatformEvents.publish("vouchers", key, "voucher.redeemed", redeemed(voucher, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> vouchers(voucher.bulkPurchaseId).get(0).timesUsed == 1);
        awaitConsumed("vouchers", voucher.id);
        assertThat(vouchers(voucher.bulkPurchaseId).get(0).timesUsed).isEqualTo(1);
        awaitConsumed("catalog", conf.id());
        as(superuser()).get(conf.base()).then().statusCode(200);
    }

    @Test
    void staleProductSnapshotsAreIgnoredAndNewerOnesApplied() {
        Conf conf = conference();
        long id = nextId();
        publishProduct("ticket-type.changed", productData(conf, id, "regular", "450.00", true, 3));
        awaitProduct(Product.TICKET_TYPE, id, 3);
        publishProduct("ticket-type.changed", productData(conf, id, "regular", "450.00", false, 2));
        awaitConsumed("catalog", id);
        as(organizer(conf)).body(purchase(null, 1, "regular", "1", null)).post(conf.base()).then().statusCode(201);

        publishProduct("ticket-type.changed", productData(conf, id, "regular", "450.00", false, 4));
        awaitProduct(Product.TICKET_TYPE, id, 4);
        as(organizer(conf)).body(purchase(null, 1, "regular", "1", null)).post(conf.base()).then().statusCode(422)
                .body("field", equalTo("ticket_type"));
    }

    @Test
    void aRedeliveredCatalogEventIsAppliedOnce() {
        Conf conf = conference();
        long id = nextId();
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> sponsor = new LinkedHashMap<>(Map.of("id", id, "conference_id", conf.id(),
                "conference_slug", conf.slug(), "slug", "acme", "name", "ACME", "level", "gold", "version", 1));
        PlatformEvents.publish("catalog", String.valueOf(id), eventId, "sponsor.changed", sponsor);
        sponsor.put("slug", "renamed");
        sponsor.put("version", 2);
        PlatformEvents.publish("catalog", String.valueOf(id), eventId, "sponsor.changed", sponsor);
        awaitConsumed("catalog", id);

        as(organizer(conf)).body(purchase("acme", 1, null, "1", null)).post(conf.base()).then().statusCode(201);
        as(organizer(conf)).body(purchase("renamed", 1, null, "1", null)).post(conf.base()).then().statusCode(422)
                .body("field", equalTo("sponsor"));
    }
}
