package org.confops.bulkpurchase.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.bulkpurchase.support.Fixtures.as;
import static org.confops.bulkpurchase.support.Fixtures.conference;
import static org.confops.bulkpurchase.support.Fixtures.create;
import static org.confops.bulkpurchase.support.Fixtures.organizer;
import static org.confops.bulkpurchase.support.Fixtures.paidPurchase;
import static org.confops.bulkpurchase.support.Fixtures.post;
import static org.confops.bulkpurchase.support.Fixtures.purchase;
import static org.confops.bulkpurchase.support.Fixtures.sponsor;
import static org.confops.bulkpurchase.support.Fixtures.superuser;
import static org.confops.bulkpurchase.support.Fixtures.ticketType;
import static org.confops.bulkpurchase.support.Fixtures.voucherConfig;
import static org.confops.bulkpurchase.support.Fixtures.vouchers;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.bulkpurchase.domain.BulkVoucher;
import org.confops.bulkpurchase.support.Fixtures.Conf;
import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.PlatformEvents.Received;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Fulfilment: when it is allowed, exactly {@code quantity} unique codes, once, even when called concurrently. */
@QuarkusTest
class FulfilTest {

    @Inject
    EntityManager em;

    private long outboxRows(String type, long purchaseId) {
        return QuarkusTransaction.requiringNew().call(() -> (Long) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE event_type = ?1 AND payload::jsonb ->> 'bulk_purchase_id' = ?2")
                .setParameter(1, type).setParameter(2, String.valueOf(purchaseId)).getSingleResult());
    }

    @Test
    void fulfillingAPaidPurchaseGeneratesItsCodesPublishesThemAndIsIdempotent() {
        Conf conf = conference();
        sponsor(conf, "acme");
        ticketType(conf, "regular", true);
        long id = paidPurchase(conf, purchase("acme", 5, "regular", "300", voucherConfig("percentage", "20")));

        as(organizer(conf)).post(conf.base() + "/" + id + "/fulfill").then().statusCode(201)
                .body("created", equalTo(5)).body("already_fulfilled", equalTo(false))
                .body("voucher_count", equalTo(5)).body("status", equalTo("paid"));

        List<BulkVoucher> codes = vouchers(id);
        assertThat(codes).hasSize(5);
        assertThat(codes).allSatisfy(v -> {
            assertThat(v.code).matches("BULK-ACME-[A-Z0-9]{8}");
            assertThat(v.active).isTrue();
            assertThat(v.maxUses).isEqualTo(1);
            assertThat(v.conferenceId).isEqualTo(conf.id());
        });
        assertThat(codes.stream().map(v -> v.code).distinct()).hasSize(5);

        JsonPath detail = as(superuser()).get(conf.base() + "/" + id).jsonPath();
        assertThat(detail.getList("vouchers.code")).containsExactlyElementsOf(codes.stream().map(v -> v.code).toList());
        assertThat(detail.getString("fulfilled_by.subject")).isEqualTo("organizer-" + conf.slug());
        assertThat(detail.getInt("vouchers[0].times_used")).isZero();
        assertThat(detail.getBoolean("vouchers[0].active")).isTrue();

        String first = String.valueOf(codes.get(0).id);
        List<Received> issued = PlatformEvents.read("vouchers",
                r -> "voucher.issued".equals(r.type()) && r.data().path("bulk_purchase_id").asLong() == id, 5,
                Duration.ofSeconds(30));
        assertThat(issued).hasSize(5);
        Received one = issued.stream().filter(r -> first.equals(r.key())).findFirst().orElseThrow();
        assertThat(one.data().get("code").asText()).isEqualTo(codes.get(0).code);
        assertThat(one.data().get("conference_id").asLong()).isEqualTo(conf.id());
        assertThat(one.data().get("voucher_type").asText()).isEqualTo("percentage");
        assertThat(one.data().get("discount_value").asText()).isEqualTo("20.00");
        assertThat(one.data().get("ticket_type_slugs").get(0).asText()).isEqualTo("regular");
        assertThat(one.data().get("addon_slugs")).isEmpty();
        assertThat(one.data().get("active").asBoolean()).isTrue();
        assertThat(one.data().get("version").asLong()).isEqualTo(1);
        assertThat(one.headers()).containsEntry("ce_source", "/bulk-purchase-service")
                .containsEntry("ce_subject", codes.get(0).code);

        as(organizer(conf)).post(conf.base() + "/" + id + "/fulfill").then().statusCode(200)
                .body("created", equalTo(0)).body("already_fulfilled", equalTo(true)).body("voucher_count", equalTo(5));
        assertThat(vouchers(id)).hasSize(5);
        assertThat(outboxRows("voucher.issued", id)).isEqualTo(5);
    }

    @Test
    void aCompDealMayBeFulfilledOnceApprovedAndBecomesPaid() {
        Conf conf = conference();
        Map<String, Object> config = voucherConfig("comp", "0");
        config.put("prefix", "vip-");
        config.put("max_uses", 3);
        long id = create(conf, purchase(null, 4, null, "0", config)).getLong("id");
        post(conf, id, "fulfill", 409);
        post(conf, id, "approve", 200);

        as(organizer(conf)).post(conf.base() + "/" + id + "/fulfill").then().statusCode(201).body("created", equalTo(4))
                .body("status", equalTo("paid"));
        assertThat(vouchers(id)).hasSize(4).allSatisfy(v -> {
            assertThat(v.code).matches("VIP-[A-Z0-9]{8}");
            assertThat(v.maxUses).isEqualTo(3);
        });
    }

    @Test
    void withoutSponsorTheDefaultPrefixIsBulk() {
        Conf conf = conference();
        long id = create(conf, purchase(null, 2, null, "0", voucherConfig("comp", "0"))).getLong("id");
        post(conf, id, "approve", 200);
        post(conf, id, "fulfill", 201);
        assertThat(vouchers(id)).hasSize(2).allSatisfy(v -> assertThat(v.code).matches("BULK-[A-Z0-9]{8}"));
    }

    @Test
    void fulfilmentIsRefusedUnlessPaidOrAnApprovedCompDeal() {
        Conf conf = conference();
        long pending = create(conf, purchase(null, 2, null, "10", voucherConfig("fixed_amount", "10"))).getLong("id");
        as(organizer(conf)).post(conf.base() + "/" + pending + "/fulfill").then().statusCode(409)
                .body("status", equalTo("pending"));
        post(conf, pending, "approve", 200);
        as(organizer(conf)).post(conf.base() + "/" + pending + "/fulfill").then().statusCode(409)
                .body("status", equalTo("approved"));
        post(conf, pending, "cancel", 200);
        post(conf, pending, "fulfill", 409);
        assertThat(vouchers(pending)).isEmpty();
    }

    @Test
    void fulfilmentNeedsVoucherTypeAndDiscountValue() {
        Conf conf = conference();
        long noConfig = paidPurchase(conf, purchase(null, 2, null, "10", null));
        as(organizer(conf)).post(conf.base() + "/" + noConfig + "/fulfill").then().statusCode(422)
                .body("field", equalTo("voucher_config.voucher_type"));

        Map<String, Object> noValue = voucherConfig("percentage", null);
        long missingValue = paidPurchase(conf, purchase(null, 2, null, "10", noValue));
        as(organizer(conf)).post(conf.base() + "/" + missingValue + "/fulfill").then().statusCode(422)
                .body("field", equalTo("voucher_config.discount_value"));
        assertThat(vouchers(noConfig)).isEmpty();
        assertThat(vouchers(missingValue)).isEmpty();
        assertThat(outboxRows("voucher.issued", missingValue)).isZero();
    }

    @Test
    void concurrentFulfilsCreateExactlyQuantityCodes() throws Exception {
        Conf conf = conference();
        int quantity = 300;
        long id = paidPurchase(conf, purchase(null, quantity, null, "1", voucherConfig("comp", "0")));
        String token = organizer(conf);
        int callers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<Response>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Callable<Response> call = () -> {
                start.await();
                return as(token).post(conf.base() + "/" + id + "/fulfill");
            };
            calls.add(pool.submit(call));
        }
        start.countDown();
        Map<Integer, Integer> statuses = new HashMap<>();
        int created = 0;
        for (Future<Response> call : calls) {
            Response response = call.get();
            statuses.merge(response.statusCode(), 1, Integer::sum);
            created += response.jsonPath().getInt("created");
            if (response.statusCode() == 200) {
                assertThat(response.jsonPath().getBoolean("already_fulfilled")).isTrue();
            }
        }
        pool.shutdown();

        assertThat(statuses).containsEntry(201, 1).containsEntry(200, callers - 1);
        assertThat(created).isEqualTo(quantity);
        assertThat(vouchers(id)).hasSize(quantity);
        assertThat(outboxRows("voucher.issued", id)).isEqualTo(quantity);
    }
}
