package org.confops.bulkpurchase.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.bulkpurchase.support.Fixtures.addon;
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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.confops.bulkpurchase.domain.BulkPurchase;
import org.confops.bulkpurchase.repository.BulkPurchaseRepository;
import org.confops.bulkpurchase.support.Fixtures;
import org.confops.bulkpurchase.support.Fixtures.Conf;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Create, list, detail, configure, approve and payment: every transition, allowed and refused. */
@QuarkusTest
class BulkPurchaseResourceTest {

    @Inject
    BulkPurchaseRepository purchases;

    private BulkPurchase held(long id) {
        return QuarkusTransaction.requiringNew().call(() -> purchases.findById(id));
    }

    @Test
    void createStartsPendingWithTotalAndRequester() {
        Conf conf = conference();
        sponsor(conf, "acme");
        ticketType(conf, "regular", true);
        addon(conf, "lunch", true);
        Map<String, Object> body = purchase("acme", 3, "regular", "450", voucherConfig("percentage", "25"));
        body.put("addon", "lunch");

        JsonPath created = create(conf, body);

        assertThat(created.getString("status")).isEqualTo("pending");
        assertThat(created.getString("unit_price")).isEqualTo("450.00");
        assertThat(created.getString("total")).isEqualTo("1350.00");
        assertThat(created.getString("sponsor.slug")).isEqualTo("acme");
        assertThat(created.getString("ticket_type.slug")).isEqualTo("regular");
        assertThat(created.getString("addon.slug")).isEqualTo("lunch");
        assertThat(created.getString("voucher_config.voucher_type")).isEqualTo("percentage");
        assertThat(created.getString("voucher_config.discount_value")).isEqualTo("25.00");
        assertThat(created.getString("requested_by.subject")).isEqualTo("organizer-" + conf.slug());
        assertThat(created.getList("vouchers")).isEmpty();
        BulkPurchase row = held(created.getLong("id"));
        assertThat(row.status).isEqualTo("pending");
        assertThat(row.conferenceId).isEqualTo(conf.id());
        assertThat(row.quantity).isEqualTo(3);
        assertThat(row.requestedByName).isEqualTo("User organizer-" + conf.slug());
    }

    @Test
    void createWithoutProductsOrSponsorOrConfigIsAllowed() {
        Conf conf = conference();
        JsonPath created = create(conf, purchase(null, 1, null, "0", null));
        assertThat(created.getString("total")).isEqualTo("0.00");
        assertThat(created.getString("sponsor")).isNull();
        assertThat(created.getString("voucher_config.voucher_type")).isNull();
    }

    @Test
    void malformedRequestsAre400NamingTheField() {
        Conf conf = conference();
        as(organizer(conf)).body(purchase(null, 0, null, "10", null)).post(conf.base())
                .then().statusCode(400).body("error", equalTo("Validation failed")).body("fields", hasKey("quantity"));
        as(organizer(conf)).body(Map.of("quantity", 2)).post(conf.base())
                .then().statusCode(400).body("fields", hasKey("unit_price"));
        as(organizer(conf)).body(purchase(null, 2, null, "-1", null)).post(conf.base())
                .then().statusCode(400).body("fields", hasKey("unit_price"));
        as(organizer(conf)).body(purchase(null, 100_001, null, "1", null)).post(conf.base())
                .then().statusCode(400).body("fields", hasKey("quantity"));
        as(organizer(conf)).body(purchase(null, 2, null, "1", voucherConfig("free-beer", "0"))).post(conf.base())
                .then().statusCode(400).body("fields", hasKey("voucher_config.voucher_type"));
        Map<String, Object> zeroUses = voucherConfig("comp", "0");
        zeroUses.put("max_uses", 0);
        as(organizer(conf)).body(purchase(null, 2, null, "1", zeroUses)).post(conf.base())
                .then().statusCode(400).body("fields", hasKey("voucher_config.max_uses"));
        Map<String, Object> badPrefix = voucherConfig("comp", "0");
        badPrefix.put("prefix", "NO SPACES");
        as(organizer(conf)).body(purchase(null, 2, null, "1", badPrefix)).post(conf.base())
                .then().statusCode(400).body("fields", hasKey("voucher_config.prefix"));
        as(organizer(conf)).body("{\"quantity\": \"many\", \"unit_price\": \"1\"}").post(conf.base())
                .then().statusCode(400).body("field", equalTo("quantity"));
        as(organizer(conf)).body("{\"quantity\": ").post(conf.base())
                .then().statusCode(400).body("error", equalTo("Invalid JSON body"));
        as(organizer(conf)).post(conf.base()).then().statusCode(400).body("error", equalTo("Request body is required"));
        Map<String, Object> badDate = voucherConfig("comp", "0");
        badDate.put("valid_from", "next tuesday");
        as(organizer(conf)).body(purchase(null, 2, null, "1", badDate)).post(conf.base())
                .then().statusCode(400).body("field", equalTo("voucher_config.valid_from"));
        assertThat(as(superuser()).get(conf.base()).jsonPath().getInt("total")).isZero();
    }

    @Test
    void unacceptableReferencesAre422NamingTheField() {
        Conf conf = conference();
        Conf other = conference();
        ticketType(conf, "regular", true);
        ticketType(conf, "student", false);
        ticketType(other, "elsewhere", true);
        addon(conf, "lunch", false);

        assertUnprocessable(conf, purchase(null, 2, "missing", "1", null), "ticket_type");
        assertUnprocessable(conf, purchase(null, 2, "student", "1", null), "ticket_type");
        assertUnprocessable(conf, purchase(null, 2, "elsewhere", "1", null), "ticket_type");
        Map<String, Object> withAddon = purchase(null, 2, "regular", "1", null);
        withAddon.put("addon", "lunch");
        assertUnprocessable(conf, withAddon, "addon");
        assertUnprocessable(conf, purchase("nobody", 2, "regular", "1", null), "sponsor");
        Map<String, Object> backwards = voucherConfig("comp", "0");
        backwards.put("valid_until", "2020-01-01T00:00:00Z");
        assertUnprocessable(conf, purchase(null, 2, "regular", "1", backwards), "voucher_config.valid_until");
        assertUnprocessable(conf, purchase(null, 2, "regular", "1", voucherConfig("percentage", "150")),
                "voucher_config.discount_value");
        assertThat(as(superuser()).get(conf.base()).jsonPath().getInt("total")).isZero();
    }

    private static void assertUnprocessable(Conf conf, Map<String, Object> body, String field) {
        as(organizer(conf)).body(body).post(conf.base())
                .then().statusCode(422).body("field", equalTo(field)).body("error", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void listIsNewestFirstFiltersByStatusIgnoresUnknownStatusAndPages() {
        Conf conf = conference();
        long first = create(conf, purchase(null, 1, null, "10", null)).getLong("id");
        long second = create(conf, purchase(null, 2, null, "10", null)).getLong("id");
        long third = create(conf, purchase(null, 3, null, "10", null)).getLong("id");
        post(conf, second, "approve", 200);

        JsonPath all = as(Fixtures.viewer(conf)).get(conf.base()).then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("items.id", Long.class)).containsExactly(third, second, first);
        assertThat(all.getInt("page_size")).isEqualTo(50);
        assertThat(all.getInt("total")).isEqualTo(3);
        assertThat(all.getString("items[0].vouchers")).isNull();

        assertThat(as(superuser()).get(conf.base() + "?status=approved").jsonPath().getList("items.id", Long.class))
                .containsExactly(second);
        assertThat(as(superuser()).get(conf.base() + "?status=pending").jsonPath().getList("items.id", Long.class))
                .containsExactly(third, first);
        assertThat(as(superuser()).get(conf.base() + "?status=bogus").jsonPath().getList("items.id", Long.class))
                .containsExactly(third, second, first);

        JsonPath page2 = as(superuser()).get(conf.base() + "?page_size=2&page=2").jsonPath();
        assertThat(page2.getList("items.id", Long.class)).containsExactly(first);
        assertThat(page2.getInt("pages")).isEqualTo(2);
        as(superuser()).get(conf.base() + "?page=0").then().statusCode(400).body("field", equalTo("page"));
    }

    @Test
    void approveOnlyFromPendingAndRecordsTheApprover() {
        Conf conf = conference();
        long id = create(conf, purchase(null, 2, null, "10", null)).getLong("id");

        // an action without a body needs no Content-Type either
        io.restassured.RestAssured.given().auth().oauth2(organizer(conf)).post(conf.base() + "/" + id + "/approve")
                .then().statusCode(200)
                .body("status", equalTo("approved"))
                .body("approved_by.subject", equalTo("organizer-" + conf.slug()));
        assertThat(held(id).approvedAt).isNotNull();

        as(organizer(conf)).post(conf.base() + "/" + id + "/approve").then().statusCode(409)
                .body("status", equalTo("approved"));
        long cancelled = create(conf, purchase(null, 2, null, "10", null)).getLong("id");
        post(conf, cancelled, "cancel", 200);
        post(conf, cancelled, "approve", 409);
        assertThat(held(cancelled).approvedAt).isNull();
    }

    @Test
    void configureWhilePendingOrApprovedRecalculatesTheTotalAndIsRefusedAfterwards() {
        Conf conf = conference();
        long id = create(conf, purchase(null, 2, null, "10", null)).getLong("id");

        as(organizer(conf)).body(Map.of("unit_price", "12.5", "voucher_config", voucherConfig("fixed_amount", "40")))
                .patch(conf.base() + "/" + id).then().statusCode(200)
                .body("total", equalTo("25.00"))
                .body("voucher_config.voucher_type", equalTo("fixed_amount"))
                .body("voucher_config.discount_value", equalTo("40.00"));
        post(conf, id, "approve", 200);
        as(organizer(conf)).body(Map.of("quantity", 4)).patch(conf.base() + "/" + id).then().statusCode(200)
                .body("total", equalTo("50.00")).body("voucher_config.voucher_type", equalTo("fixed_amount"));
        as(organizer(conf)).body(Map.of("quantity", 0)).patch(conf.base() + "/" + id).then().statusCode(400)
                .body("fields", hasKey("quantity"));
        // a fraction is refused, not cut to 1 (the total below stays 50.00)
        as(organizer(conf)).body("{\"quantity\":1.5}").patch(conf.base() + "/" + id).then().statusCode(400);

        as(organizer(conf)).body(Map.of("reference", "bank-1")).post(conf.base() + "/" + id + "/payments")
                .then().statusCode(201);
        as(organizer(conf)).body(Map.of("unit_price", "1")).patch(conf.base() + "/" + id).then().statusCode(409)
                .body("status", equalTo("paid"));
        assertThat(held(id).total).isEqualByComparingTo("50.00");
    }

    @Test
    void paymentIsRecordedFromApprovedOrProcessingAndIsIdempotentOnItsReference() {
        Conf conf = conference();
        long id = create(conf, purchase(null, 2, null, "100", null)).getLong("id");
        as(organizer(conf)).body(Map.of("reference", "psp-1")).post(conf.base() + "/" + id + "/payments")
                .then().statusCode(409).body("status", equalTo("pending"));
        post(conf, id, "approve", 200);
        as(organizer(conf)).post(conf.base() + "/" + id + "/payment-processing").then().statusCode(200)
                .body("status", equalTo("processing"));
        as(organizer(conf)).body(Map.of()).post(conf.base() + "/" + id + "/payments")
                .then().statusCode(400).body("fields", hasKey("reference"));

        as(organizer(conf)).body(Map.of("reference", "psp-1")).post(conf.base() + "/" + id + "/payments")
                .then().statusCode(201).body("status", equalTo("paid")).body("payment_reference", equalTo("psp-1"));
        var paidAt = held(id).paidAt;
        as(organizer(conf)).body(Map.of("reference", "psp-1")).post(conf.base() + "/" + id + "/payments")
                .then().statusCode(200).body("status", equalTo("paid"));
        as(organizer(conf)).body(Map.of("reference", "psp-2")).post(conf.base() + "/" + id + "/payments")
                .then().statusCode(409);
        assertThat(held(id).paymentReference).isEqualTo("psp-1");
        assertThat(held(id).paidAt).isEqualTo(paidAt);
    }

    @Test
    void aFailedPaymentEndsThePurchase() {
        Conf conf = conference();
        long id = create(conf, purchase(null, 2, null, "100", voucherConfig("comp", "0"))).getLong("id");
        post(conf, id, "payment-failed", 409);
        post(conf, id, "approve", 200);
        post(conf, id, "payment-processing", 200);
        post(conf, id, "payment-failed", 200);
        assertThat(held(id).status).isEqualTo("failed");
        post(conf, id, "fulfill", 409);
        as(organizer(conf)).body(Map.of("reference", "late")).post(conf.base() + "/" + id + "/payments")
                .then().statusCode(409);
    }

    @Test
    void anotherConferencesPurchaseIsNotFound() {
        Conf mine = conference();
        Conf theirs = conference();
        long id = create(theirs, purchase(null, 1, null, "0", voucherConfig("comp", "0"))).getLong("id");

        as(superuser()).get(mine.base() + "/" + id).then().statusCode(404).body("error", equalTo("Bulk purchase not found"));
        as(superuser()).post(mine.base() + "/" + id + "/approve").then().statusCode(404);
        as(superuser()).post(mine.base() + "/" + id + "/fulfill").then().statusCode(404);
        as(superuser()).get(mine.base() + "/" + id + "/vouchers.csv").then().statusCode(404);
        as(superuser()).get(mine.base() + "/not-a-number").then().statusCode(404);
        assertThat(held(id).status).isEqualTo("pending");
    }

    @Test
    void detailShowsThePurchase() {
        Conf conf = conference();
        long id = paidPurchase(conf, purchase(null, 2, null, "5", voucherConfig("percentage", "10")));
        as(Fixtures.viewer(conf)).get(conf.base() + "/" + id).then().statusCode(200)
                .body("id", equalTo((int) id)).body("status", equalTo("paid"))
                .body("fulfilled_at", nullValue()).body("voucher_count", equalTo(0));
        List<?> none = as(superuser()).get(conf.base() + "/" + id).jsonPath().getList("vouchers");
        assertThat(none).isEmpty();
    }
}
