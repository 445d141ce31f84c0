package org.confops.catalog.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.confops.catalog.support.Catalog.addon;
import static org.confops.catalog.support.Catalog.as;
import static org.confops.catalog.support.Catalog.conference;
import static org.confops.catalog.support.Catalog.orderBody;
import static org.confops.catalog.support.Catalog.organizer;
import static org.confops.catalog.support.Catalog.placeOrder;
import static org.confops.catalog.support.Catalog.ticketType;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.confops.catalog.domain.Voucher;
import org.confops.catalog.repository.VoucherRepository;
import org.confops.catalog.support.Vouchers;
import org.confops.testinfra.ContractExamples;
import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.PlatformEvents.Received;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The catalog's side of contracts/events.md: what it publishes has exactly the documented fields, and the
 * documented voucher events it consumes have the documented effect.
 */
@QuarkusTest
class ContractTest {

    @Inject
    VoucherRepository vouchers;

    @Test
    void publishedEventsHaveTheDocumentedFields() {
        String conf = conference();
        ticketType(conf, "regular", "450");
        addon(conf, "lunch", "30");
        as(organizer(conf)).body(Map.of("slug", "acme", "name", "ACME", "level", "gold"))
                .post("/api/conferences/" + conf + "/sponsors").then().statusCode(201);
        JsonPath order = placeOrder(conf, orderBody("regular", List.of(Map.of("slug", "lunch", "quantity", 3)), null));

        assertMatches("conference.changed", r -> conf.equals(r.data().path("slug").asText()));
        assertMatches("ticket-type.changed", r -> conf.equals(r.data().path("conference_slug").asText()));
        assertMatches("addon.changed", r -> conf.equals(r.data().path("conference_slug").asText()));
        assertMatches("sponsor.changed", r -> conf.equals(r.data().path("conference_slug").asText()));
        assertMatches("order.changed", r -> order.getString("id").equals(r.key()));
        assertMatches("attendee.changed", r -> order.getString("attendee.id").equals(r.key()));
    }

    @Test
    void consumesTheVoucherExamples() {
        JsonNode issued = ContractExamples.example("voucher.issued");
        JsonNode revoked = ContractExamples.example("voucher.revoked");
        String code = issued.get("data").get("code").asText();
        PlatformEvents.publish("vouchers", issued.get("key").asText(), "voucher.issued", issued.get("data").toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> held(9001, code) != null);

        Voucher voucher = held(9001, code);
        assertThat(voucher.voucherType).isEqualTo("comp");
        assertThat(voucher.maxUses).isEqualTo(1);
        assertThat(voucher.bulkPurchaseId).isEqualTo(9701);
        assertThat(Voucher.split(voucher.ticketTypeSlugs)).containsExactly("regular");
        assertThat(voucher.validUntil).isEqualTo(java.time.Instant.parse("2026-06-03T22:00:00Z"));
        assertThat(voucher.active).isTrue();

        PlatformEvents.publish("vouchers", revoked.get("key").asText(), "voucher.revoked", revoked.get("data").toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> !held(9001, code).active);
    }

    @Test
    void voucherRedeemedHasTheDocumentedFields() {
        String conf = conference();
        ticketType(conf, "regular", "450");
        Map<String, Object> issued = Vouchers.voucher(Vouchers.conferenceId(conf), "CONTRACT-1", "comp", "0", 2);
        Vouchers.issue(issued);
        await().atMost(Duration.ofSeconds(30)).until(() -> held(Vouchers.conferenceId(conf), "CONTRACT-1") != null);

        placeOrder(conf, orderBody("regular", null, "CONTRACT-1"));

        assertMatches("voucher.redeemed", r -> issued.get("id").toString().equals(r.key()));
    }

    private Voucher held(long conferenceId, String code) {
        return QuarkusTransaction.requiringNew().call(() -> vouchers.find(conferenceId, code).orElse(null));
    }

    private static void assertMatches(String type, java.util.function.Predicate<Received> mine) {
        ContractExamples.assertPublishedLikeExample(type, mine);
    }
}
