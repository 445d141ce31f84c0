package org.confops.catalog.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.confops.testinfra.PlatformEvents;

/** Vouchers as the bulk-purchase service issues them: voucher.issued / voucher.revoked on the real broker. */
public final class Vouchers {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    private Vouchers() {
    }

    public static Map<String, Object> voucher(long conferenceId, String code, String type, String value, int maxUses) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", IDS.incrementAndGet());
        data.put("conference_id", conferenceId);
        data.put("bulk_purchase_id", 77);
        data.put("code", code);
        data.put("voucher_type", type);
        data.put("discount_value", value);
        data.put("max_uses", maxUses);
        data.put("valid_from", Instant.now().minus(Duration.ofDays(1)).toString());
        data.put("valid_until", Instant.now().plus(Duration.ofDays(30)).toString());
        data.put("ticket_type_slugs", List.of());
        data.put("addon_slugs", List.of());
        data.put("unlocks_hidden_tickets", false);
        data.put("active", true);
        data.put("version", 1);
        return data;
    }

    public static void issue(Map<String, Object> voucher) {
        PlatformEvents.publish("vouchers", voucher.get("id").toString(), "voucher.issued", voucher);
    }

    public static void revoke(Map<String, Object> voucher) {
        Map<String, Object> revoked = new LinkedHashMap<>(voucher);
        revoked.put("active", false);
        revoked.put("version", ((Number) voucher.get("version")).longValue() + 1);
        PlatformEvents.publish("vouchers", voucher.get("id").toString(), "voucher.revoked", revoked);
    }

    public static long conferenceId(String slug) {
        return given().auth().oauth2(Catalog.superuser()).get("/api/conferences/" + slug)
                .then().statusCode(200).extract().jsonPath().getLong("id");
    }
}
