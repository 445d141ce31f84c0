package org.confops.bulkpurchase.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.confops.bulkpurchase.domain.BulkVoucher;
import org.confops.bulkpurchase.domain.Product;
import org.confops.bulkpurchase.repository.BulkVoucherRepository;
import org.confops.bulkpurchase.repository.ProductRepository;
import org.confops.bulkpurchase.repository.SponsorRepository;
import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.TestTokens;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Arranges test data the way production gets it: catalog events through the real broker, then waits until the
 * projection holds them. Ids come from the clock, so runs never collide with events a reused broker still holds.
 */
public final class Fixtures {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000);
    private static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(30);

    public record Conf(long id, String slug) {
        public String base() {
            return "/api/conferences/" + slug + "/bulk-purchases";
        }
    }

    private Fixtures() {
    }

    public static long nextId() {
        return IDS.incrementAndGet();
    }

    public static String superuser() {
        return TestTokens.token("admin", "superuser");
    }

    /** An organizer with {@code change_bulk_purchases} on the conference. */
    public static String organizer(Conf conf) {
        return TestTokens.token("organizer-" + conf.slug(), "conference:" + conf.slug() + ":change_bulk_purchases");
    }

    /** A sponsor contact or staff member who may only look. */
    public static String viewer(Conf conf) {
        return TestTokens.token("viewer-" + conf.slug(), "conference:" + conf.slug() + ":view_bulk_purchases");
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A conference the service knows (its conference.changed consumed). */
    public static Conf conference() {
        long id = nextId();
        Conf conf = new Conf(id, "conf-" + id);
        PlatformEvents.publish("catalog", String.valueOf(id), "conference.changed",
                Map.of("id", id, "slug", conf.slug(), "name", "Conference " + id, "start_date", "2027-06-01",
                        "end_date", "2027-06-03", "time_zone", "Europe/Berlin", "version", 1));
        await().atMost(PROJECTION_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> given().auth().oauth2(superuser()).get(conf.base()).statusCode() == 200);
        return conf;
    }

    public static Map<String, Object> productData(Conf conf, long id, String slug, String price, boolean bulkEnabled,
            long version) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("conference_id", conf.id());
        data.put("conference_slug", conf.slug());
        data.put("slug", slug);
        data.put("name", "Product " + slug);
        data.put("price", price);
        data.put("bulk_enabled", bulkEnabled);
        data.put("active", true);
        data.put("capacity", null);
        data.put("version", version);
        return data;
    }

    /** A ticket type known to the service; returns the catalog's id. */
    public static long ticketType(Conf conf, String slug, boolean bulkEnabled) {
        long id = nextId();
        publishProduct("ticket-type.changed", productData(conf, id, slug, "450.00", bulkEnabled, 1));
        awaitProduct(Product.TICKET_TYPE, id, 1);
        return id;
    }

    public static long addon(Conf conf, String slug, boolean bulkEnabled) {
        long id = nextId();
        publishProduct("addon.changed", productData(conf, id, slug, "30.00", bulkEnabled, 1));
        awaitProduct(Product.ADDON, id, 1);
        return id;
    }

    public static void publishProduct(String type, Map<String, Object> data) {
        PlatformEvents.publish("catalog", data.get("id").toString(), type, data);
    }

    public static void awaitProduct(String kind, long id, long version) {
        await().atMost(PROJECTION_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> inTransaction(() -> {
            return Arc.container().instance(ProductRepository.class).get().findBySource(kind, id)
                    .map(p -> p.version >= version).orElse(false);
        }));
    }

    public static long sponsor(Conf conf, String slug) {
        long id = nextId();
        PlatformEvents.publish("catalog", String.valueOf(id), "sponsor.changed",
                Map.of("id", id, "conference_id", conf.id(), "conference_slug", conf.slug(), "slug", slug,
                        "name", "Sponsor " + slug, "level", "gold", "version", 1));
        await().atMost(PROJECTION_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> inTransaction(
                () -> Arc.container().instance(SponsorRepository.class).get().findById(id) != null));
        return id;
    }

    public static Map<String, Object> voucherConfig(String type, String value) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("voucher_type", type);
        config.put("discount_value", value);
        config.put("max_uses", 1);
        config.put("valid_from", Instant.now().minus(Duration.ofDays(1)).toString());
        config.put("valid_until", Instant.now().plus(Duration.ofDays(60)).toString());
        config.put("unlocks_hidden_tickets", false);
        return config;
    }

    /** A purchase body: {@code quantity} codes of {@code ticketType} at {@code unitPrice}. */
    public static Map<String, Object> purchase(String sponsor, int quantity, String ticketType, String unitPrice,
            Map<String, Object> voucherConfig) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (sponsor != null) {
            body.put("sponsor", sponsor);
        }
        body.put("quantity", quantity);
        if (ticketType != null) {
            body.put("ticket_type", ticketType);
        }
        body.put("unit_price", unitPrice);
        if (voucherConfig != null) {
            body.put("voucher_config", voucherConfig);
        }
        return body;
    }

    public static JsonPath create(Conf conf, Map<String, Object> body) {
        return as(organizer(conf)).body(body).post(conf.base()).then().statusCode(201).extract().jsonPath();
    }

    public static void post(Conf conf, long id, String action, int status) {
        as(organizer(conf)).body("{}").post(conf.base() + "/" + id + "/" + action).then().statusCode(status);
    }

    /** A purchase in {@code paid} (approved, payment recorded), not yet fulfilled. */
    public static long paidPurchase(Conf conf, Map<String, Object> body) {
        long id = create(conf, body).getLong("id");
        post(conf, id, "approve", 200);
        as(organizer(conf)).body(Map.of("reference", "psp-" + id)).post(conf.base() + "/" + id + "/payments")
                .then().statusCode(201);
        return id;
    }

    public static java.util.List<BulkVoucher> vouchers(long purchaseId) {
        return inTransaction(() -> Arc.container().instance(BulkVoucherRepository.class).get().forPurchase(purchaseId));
    }

    public static <T> T inTransaction(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }
}
