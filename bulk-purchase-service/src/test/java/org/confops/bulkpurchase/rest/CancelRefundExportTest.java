package org.confops.bulkpurchase.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.confops.bulkpurchase.support.Fixtures.as;
import static org.confops.bulkpurchase.support.Fixtures.conference;
import static org.confops.bulkpurchase.support.Fixtures.create;
import static org.confops.bulkpurchase.support.Fixtures.organizer;
import static org.confops.bulkpurchase.support.Fixtures.paidPurchase;
import static org.confops.bulkpurchase.support.Fixtures.post;
import static org.confops.bulkpurchase.support.Fixtures.purchase;
import static org.confops.bulkpurchase.support.Fixtures.viewer;
import static org.confops.bulkpurchase.support.Fixtures.voucherConfig;
import static org.confops.bulkpurchase.support.Fixtures.vouchers;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.confops.bulkpurchase.domain.BulkVoucher;
import org.confops.bulkpurchase.support.Fixtures.Conf;
import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.PlatformEvents.Received;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Cancel and refund revoke the unused codes and report the used ones; the CSV export for the sponsor. */
@QuarkusTest
class CancelRefundExportTest {

    private static void redeemed(BulkVoucher voucher, long purchaseId, int timesUsed) {
        PlatformEvents.publish("vouchers", String.valueOf(voucher.id), "voucher.redeemed",
                Map.of("voucher_id", voucher.id, "conference_id", voucher.conferenceId, "conference_slug", "x",
                        "code", voucher.code, "bulk_purchase_id", purchaseId, "order_id", 1, "order_reference", "ORD-1",
                        "times_used", timesUsed, "max_uses", voucher.maxUses));
    }

    @Test
    void cancelIsAllowedWhilePendingOrApprovedOnly() {
        Conf conf = conference();
        long pending = create(conf, purchase(null, 2, null, "10", null)).getLong("id");
        as(organizer(conf)).post(conf.base() + "/" + pending + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled")).body("revoked", equalTo(0));
        post(conf, pending, "cancel", 409);
        post(conf, pending, "refund", 409);

        long approved = create(conf, purchase(null, 2, null, "10", null)).getLong("id");
        post(conf, approved, "approve", 200);
        post(conf, approved, "refund", 409);
        post(conf, approved, "cancel", 200);

        long paid = paidPurchase(conf, purchase(null, 2, null, "10", voucherConfig("comp", "0")));
        as(organizer(conf)).post(conf.base() + "/" + paid + "/cancel").then().statusCode(409)
                .body("status", equalTo("paid"));
    }

    @Test
    void refundRevokesUnusedCodesAndReportsUsedOnes() {
        Conf conf = conference();
        long id = paidPurchase(conf, purchase(null, 3, null, "50", voucherConfig("percentage", "50")));
        post(conf, id, "fulfill", 201);
        List<BulkVoucher> codes = vouchers(id);
        BulkVoucher used = codes.get(1);
        redeemed(used, id, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> vouchers(id).get(1).timesUsed == 1);

        JsonPath refund = as(organizer(conf)).post(conf.base() + "/" + id + "/refund").then().statusCode(200)
                .extract().jsonPath();

        assertThat(refund.getString("status")).isEqualTo("refunded");
        assertThat(refund.getInt("revoked")).isEqualTo(2);
        assertThat(refund.getList("used.code")).containsExactly(used.code);
        assertThat(refund.getInt("used[0].times_used")).isEqualTo(1);
        List<BulkVoucher> after = vouchers(id);
        assertThat(after).extracting(v -> v.active).containsExactly(false, true, false);
        assertThat(after).extracting(v -> v.version).containsExactly(2L, 1L, 2L);

        List<Received> revoked = PlatformEvents.read("vouchers",
                r -> "voucher.revoked".equals(r.type()) && r.data().path("bulk_purchase_id").asLong() == id, 2,
                Duration.ofSeconds(30));
        assertThat(revoked).extracting(Received::key)
                .containsExactlyInAnyOrder(String.valueOf(codes.get(0).id), String.valueOf(codes.get(2).id));
        assertThat(revoked).allSatisfy(r -> {
            assertThat(r.data().get("active").asBoolean()).isFalse();
            assertThat(r.data().get("version").asLong()).isEqualTo(2);
            assertThat(r.data().get("voucher_type").asText()).isEqualTo("percentage");
        });
        post(conf, id, "refund", 409);
        post(conf, id, "fulfill", 200);
    }

    @Test
    void vouchersExportAsCsv() {
        Conf conf = conference();
        Map<String, Object> config = voucherConfig("comp", "0");
        config.put("valid_from", "2027-05-01T00:00:00Z");
        config.put("valid_until", "2027-06-03T22:00:00Z");
        config.put("max_uses", 2);
        long id = create(conf, purchase(null, 3, null, "0", config)).getLong("id");
        post(conf, id, "approve", 200);
        post(conf, id, "fulfill", 201);
        List<BulkVoucher> codes = vouchers(id);

        var response = as(viewer(conf)).get(conf.base() + "/" + id + "/vouchers.csv").then().statusCode(200)
                .extract();
        assertThat(response.contentType()).startsWith("text/csv");
        assertThat(response.header("Content-Disposition")).contains("bulk-purchase-" + id + "-vouchers.csv");
        List<String> lines = response.asString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("code,max_uses,times_used,active,valid_from,valid_until");
        for (int i = 0; i < 3; i++) {
            assertThat(lines.get(i + 1))
                    .isEqualTo(codes.get(i).code + ",2,0,true,2027-05-01T00:00:00Z,2027-06-03T22:00:00Z");
        }
        Conf other = conference();
        as(viewer(other)).get(conf.base() + "/" + id + "/vouchers.csv").then().statusCode(403);
    }
}
