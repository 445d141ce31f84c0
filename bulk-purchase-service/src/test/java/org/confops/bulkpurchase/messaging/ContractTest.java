package org.confops.bulkpurchase.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.confops.bulkpurchase.support.Fixtures.as;
import static org.confops.bulkpurchase.support.Fixtures.superuser;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.bulkpurchase.domain.BulkVoucher;
import org.confops.bulkpurchase.repository.BulkVoucherRepository;
import org.confops.testinfra.ContractExamples;
import org.confops.testinfra.PlatformEvents.Received;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * This service's side of contracts/events.md: the documented catalog and voucher.redeemed examples it consumes
 * have the documented effect, and the voucher.issued / voucher.revoked it publishes have exactly the documented
 * fields.
 */
@QuarkusTest
class ContractTest {

    private static final String BASE = "/api/conferences/contract-conf/bulk-purchases";

    @Inject
    BulkVoucherRepository vouchers;

    @Inject
    EntityManager em;

    @Test
    void consumesTheCatalogExamplesAndPublishesDocumentedVoucherEvents() {
        ContractExamples.publish("conference.changed");
        ContractExamples.publish("ticket-type.changed");
        ContractExamples.publish("addon.changed");
        ContractExamples.publish("sponsor.changed");
        long[] created = new long[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var response = as(superuser()).body(Map.of("sponsor", "acme", "quantity", 2, "ticket_type", "regular",
                    "unit_price", "0", "voucher_config", Map.of("voucher_type", "comp", "discount_value", "0",
                            "valid_from", "2026-05-01T00:00:00Z", "valid_until", "2026-06-03T22:00:00Z")))
                    .post(BASE);
            if (response.statusCode() != 201) {
                return false;
            }
            created[0] = response.jsonPath().getLong("id");
            return true;
        });
        // lunch is documented with bulk_enabled false
        as(superuser()).body(Map.of("quantity", 1, "addon", "lunch", "unit_price", "0")).post(BASE)
                .then().statusCode(422).body("field", equalTo("addon"));

        long id = created[0];
        JsonPath detail = as(superuser()).get(BASE + "/" + id).jsonPath();
        assertThat(detail.getString("sponsor.name")).isEqualTo("ACME Corporation");
        assertThat(detail.getLong("sponsor.id")).isEqualTo(9501);
        assertThat(detail.getString("ticket_type.name")).isEqualTo("Regular ticket");
        assertThat(detail.getLong("ticket_type.id")).isEqualTo(9401);
        as(superuser()).post(BASE + "/" + id + "/approve").then().statusCode(200);
        as(superuser()).post(BASE + "/" + id + "/fulfill").then().statusCode(201);
        BulkVoucher first = QuarkusTransaction.requiringNew().call(() -> vouchers.forPurchase(id).get(0));

        assertMatches("voucher.issued", r -> String.valueOf(first.id).equals(r.key()));

        as(superuser()).post(BASE + "/" + id + "/refund").then().statusCode(200);
        assertMatches("voucher.revoked", r -> String.valueOf(first.id).equals(r.key()));
    }

    @Test
    void consumesTheVoucherRedeemedExample() {
        JsonNode example = ContractExamples.example("voucher.redeemed").get("data");
        long voucherId = example.get("voucher_id").asLong();
        long purchaseId = example.get("bulk_purchase_id").asLong();
        // the example names ids of the issuer's; hold a purchase and voucher with exactly those ids
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    INSERT INTO bulk_purchase (id, conference_id, quantity, unit_price, total, status, created_at,
                        requested_by_subject, requested_by_name, voucher_type, discount_value, fulfilled_at)
                    VALUES (?1, ?2, 1, 0, 0, 'paid', now(), 'contract', 'Contract', 'comp', 0, now())
                    ON CONFLICT (id) DO NOTHING""")
                    .setParameter(1, purchaseId).setParameter(2, example.get("conference_id").asLong()).executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO bulk_voucher (id, conference_id, bulk_purchase_id, code, max_uses)
                    VALUES (?1, ?2, ?3, ?4, 1) ON CONFLICT (id) DO NOTHING""")
                    .setParameter(1, voucherId).setParameter(2, example.get("conference_id").asLong())
                    .setParameter(3, purchaseId).setParameter(4, example.get("code").asText()).executeUpdate();
        });

        ContractExamples.publish("voucher.redeemed");

        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> vouchers.findById(voucherId).timesUsed) == example.get("times_used").asInt());
    }

    private static void assertMatches(String type, java.util.function.Predicate<Received> mine) {
        JsonNode documented = ContractExamples.example(type).get("data");
        JsonNode published = ContractExamples.assertPublishedLikeExample(type, mine).data();
        for (String field : List.of("voucher_type", "discount_value", "valid_until")) {
            assertThat(published.get(field).asText()).as(field).isEqualTo(documented.get(field).asText());
        }
        for (String field : List.of("ticket_type_slugs", "active", "version")) {
            assertThat(published.get(field)).as(field).isEqualTo(documented.get(field));
        }
        assertThat(published.get("code").asText()).matches("BULK-ACME-[A-Z0-9]{8}");
    }
}
