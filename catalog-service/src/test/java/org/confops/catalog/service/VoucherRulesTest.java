package org.confops.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.confops.catalog.support.Catalog.addon;
import static org.confops.catalog.support.Catalog.as;
import static org.confops.catalog.support.Catalog.conference;
import static org.confops.catalog.support.Catalog.orderBody;
import static org.confops.catalog.support.Catalog.orders;
import static org.confops.catalog.support.Catalog.organizer;
import static org.confops.catalog.support.Catalog.placeOrder;
import static org.confops.catalog.support.Catalog.ticketType;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.catalog.domain.Voucher;
import org.confops.catalog.repository.VoucherRepository;
import org.confops.catalog.support.Vouchers;
import org.confops.testinfra.Concurrently;
import org.confops.testinfra.PlatformEvents;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Vouchers issued by bulk purchases, used at ordering: every rule, and the last use under contention. */
@QuarkusTest
class VoucherRulesTest {

    @Inject
    VoucherRepository vouchers;

    @Inject
    EntityManager em;

    private String conf;
    private long conferenceId;

    private void shop() {
        conf = conference();
        conferenceId = Vouchers.conferenceId(conf);
        ticketType(conf, "regular", "400");
        ticketType(conf, "student", "100");
        addon(conf, "lunch", "50");
    }

    private Voucher held(String code) {
        return QuarkusTransaction.requiringNew().call(() -> vouchers.find(conferenceId, code).orElse(null));
    }

    /** Issues the voucher through the broker and waits until the catalog holds that version of it. */
    private Map<String, Object> issue(Map<String, Object> voucher) {
        Vouchers.issue(voucher);
        long version = ((Number) voucher.get("version")).longValue();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Voucher held = held((String) voucher.get("code"));
            return held != null && held.version >= version;
        });
        return voucher;
    }

    /** Waits until everything published before now with {@code key} on {@code topic} was processed. */
    private void awaitConsumed(String topic, String key) {
        PlatformEvents.awaitConsumed(topic, key, marker -> QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1")
                .setParameter(1, marker).getSingleResult()).equals(1L));
    }

    private int order(String ticketType, String code) {
        return as(organizer(conf)).body(orderBody(ticketType, null, code)).post(orders(conf)).statusCode();
    }

    @Test
    void compVoucherMakesTheOrderFreeAndPaidAndCountsTheUse() {
        shop();
        Map<String, Object> voucher = issue(Vouchers.voucher(conferenceId, "BULK-ACME-AAAA1111", "comp", "0", 5));

        JsonPath order = placeOrder(conf, orderBody("regular", List.of(Map.of("slug", "lunch", "quantity", 2)),
                " bulk-acme-aaaa1111 "));

        assertThat(order.getString("status")).isEqualTo("paid");
        assertThat(order.getString("total")).isEqualTo("0.00");
        assertThat(order.getString("discount")).isEqualTo("500.00");
        assertThat(order.getString("voucher_code")).isEqualTo("BULK-ACME-AAAA1111");
        assertThat(held("BULK-ACME-AAAA1111").timesUsed).isEqualTo(1);
        var redeemed = PlatformEvents.read("vouchers", r -> voucher.get("id").toString().equals(r.key())
                && "voucher.redeemed".equals(r.type()), 1, Duration.ofSeconds(30));
        assertThat(redeemed).hasSize(1);
        assertThat(redeemed.get(0).data().get("times_used").asInt()).isEqualTo(1);
        assertThat(redeemed.get(0).data().get("order_id").asLong()).isEqualTo(order.getLong("id"));
        assertThat(redeemed.get(0).data().get("bulk_purchase_id").asLong()).isEqualTo(77);
    }

    @Test
    void percentageAndFixedAmountDiscountOnlyTheProductsTheyCover() {
        shop();
        Map<String, Object> percent = Vouchers.voucher(conferenceId, "PCT-25", "percentage", "25", 5);
        percent.put("ticket_type_slugs", List.of("regular"));
        issue(percent);
        Map<String, Object> fixed = Vouchers.voucher(conferenceId, "FIX-70", "fixed_amount", "70", 5);
        fixed.put("addon_slugs", List.of("lunch"));
        issue(fixed);

        JsonPath pct = placeOrder(conf, orderBody("regular", List.of(Map.of("slug", "lunch", "quantity", 1)), "PCT-25"));
        assertThat(pct.getString("discount")).isEqualTo("100.00");
        assertThat(pct.getString("total")).isEqualTo("350.00");
        assertThat(pct.getString("status")).isEqualTo("pending");

        JsonPath fix = placeOrder(conf, orderBody("regular", List.of(Map.of("slug", "lunch", "quantity", 1)), "FIX-70"));
        assertThat(fix.getString("discount")).isEqualTo("50.00");
        assertThat(fix.getString("line_items.find { it.addon_slug == 'lunch' }.line_total")).isEqualTo("0.00");
        assertThat(fix.getString("total")).isEqualTo("400.00");
    }

    @Test
    void unusableVouchersAreRefusedAndTakeNoUse() {
        shop();
        Map<String, Object> expired = Vouchers.voucher(conferenceId, "OLD", "comp", "0", 5);
        expired.put("valid_until", Instant.now().minus(Duration.ofHours(1)).toString());
        issue(expired);
        Map<String, Object> future = Vouchers.voucher(conferenceId, "SOON", "comp", "0", 5);
        future.put("valid_from", Instant.now().plus(Duration.ofDays(1)).toString());
        issue(future);
        Map<String, Object> studentsOnly = Vouchers.voucher(conferenceId, "STUDENT", "comp", "0", 5);
        studentsOnly.put("ticket_type_slugs", List.of("student"));
        issue(studentsOnly);
        issue(Vouchers.voucher(conferenceId, "ONCE", "comp", "0", 1));
        Map<String, Object> revoked = issue(Vouchers.voucher(conferenceId, "GONE", "comp", "0", 5));
        Vouchers.revoke(revoked);
        await().atMost(Duration.ofSeconds(30)).until(() -> !held("GONE").active);

        as(organizer(conf)).body(orderBody("regular", null, "OLD")).post(orders(conf)).then().statusCode(422)
                .body("error", equalTo("Voucher has expired")).body("field", equalTo("voucher_code"));
        as(organizer(conf)).body(orderBody("regular", null, "SOON")).post(orders(conf)).then().statusCode(422)
                .body("error", equalTo("Voucher is not valid yet"));
        as(organizer(conf)).body(orderBody("regular", null, "STUDENT")).post(orders(conf)).then().statusCode(422)
                .body("error", equalTo("Voucher does not apply to anything in this order"));
        as(organizer(conf)).body(orderBody("regular", null, "GONE")).post(orders(conf)).then().statusCode(422)
                .body("error", equalTo("Voucher has been revoked"));
        as(organizer(conf)).body(orderBody("regular", null, "NOSUCH")).post(orders(conf)).then().statusCode(422)
                .body("error", equalTo("Unknown voucher code"));
        assertThat(order("regular", "ONCE")).isEqualTo(201);
        as(organizer(conf)).body(orderBody("regular", null, "ONCE")).post(orders(conf)).then().statusCode(409)
                .body("error", equalTo("Voucher has been used up"));

        assertThat(held("OLD").timesUsed).isZero();
        assertThat(held("STUDENT").timesUsed).isZero();
        assertThat(held("ONCE").timesUsed).isEqualTo(1);
    }

    @Test
    void aVoucherOfAnotherConferenceIsUnknownHere() {
        shop();
        String mine = conf;
        shop();
        issue(Vouchers.voucher(conferenceId, "THEIRS", "comp", "0", 5));
        conf = mine;

        assertThat(order("regular", "THEIRS")).isEqualTo(422);
    }

    @Test
    void parallelOrdersNeverShareTheLastUse() throws Exception {
        shop();
        issue(Vouchers.voucher(conferenceId, "LAST-ONE", "comp", "0", 1));
        int attempts = 10;

        List<Integer> statuses = Concurrently.run(attempts, () -> order("regular", "LAST-ONE"));

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(attempts - 1);
        assertThat(held("LAST-ONE").timesUsed).isEqualTo(1);
    }

    @Test
    void staleAndRedeliveredVoucherEventsChangeNothing() {
        shop();
        Map<String, Object> voucher = issue(Vouchers.voucher(conferenceId, "STEADY", "comp", "0", 5));
        Vouchers.revoke(voucher);
        await().atMost(Duration.ofSeconds(30)).until(() -> !held("STEADY").active);

        Vouchers.issue(voucher); // version 1 again: older than the revocation
        awaitConsumed("vouchers", voucher.get("id").toString());

        assertThat(held("STEADY").active).isFalse();
        assertThat(held("STEADY").version).isEqualTo(2);
    }
}
