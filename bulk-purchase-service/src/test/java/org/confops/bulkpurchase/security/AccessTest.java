package org.confops.bulkpurchase.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.bulkpurchase.support.Fixtures.as;
import static org.confops.bulkpurchase.support.Fixtures.conference;
import static org.confops.bulkpurchase.support.Fixtures.create;
import static org.confops.bulkpurchase.support.Fixtures.organizer;
import static org.confops.bulkpurchase.support.Fixtures.purchase;
import static org.confops.bulkpurchase.support.Fixtures.superuser;
import static org.confops.bulkpurchase.support.Fixtures.viewer;
import static org.confops.bulkpurchase.support.Fixtures.voucherConfig;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;

import org.confops.bulkpurchase.repository.BulkPurchaseRepository;
import org.confops.bulkpurchase.support.Fixtures.Conf;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Who may do what: view vs change, per conference; no token, bad token, unknown conference. */
@QuarkusTest
class AccessTest {

    @Inject
    BulkPurchaseRepository purchases;

    @Test
    void withoutAValidTokenTheAnswerIs401Json() {
        Conf conf = conference();
        given().get(conf.base()).then().statusCode(401).contentType("application/json")
                .body("error", equalTo("Authentication required"));
        given().auth().oauth2(TestTokens.expiredToken("late", "superuser")).get(conf.base()).then().statusCode(401);
        given().auth().oauth2(TestTokens.tokenSignedByUnknownKey("forger", "superuser")).get(conf.base())
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.tokenForAudience("some-other-app", "elsewhere", "superuser"))
                .get(conf.base()).then().statusCode(401);
        given().contentType("application/json").body(purchase(null, 1, null, "0", null)).post(conf.base())
                .then().statusCode(401);
    }

    @Test
    void viewersMayLookButNotChange() {
        Conf conf = conference();
        long id = create(conf, purchase(null, 2, null, "0", voucherConfig("comp", "0"))).getLong("id");
        String viewer = viewer(conf);

        as(viewer).get(conf.base()).then().statusCode(200);
        as(viewer).get(conf.base() + "/" + id).then().statusCode(200);
        as(viewer).get(conf.base() + "/" + id + "/vouchers.csv").then().statusCode(200);
        as(viewer).body(purchase(null, 1, null, "0", null)).post(conf.base()).then().statusCode(403)
                .body("error", equalTo("You do not have permission for this conference"));
        for (String action : new String[] { "approve", "fulfill", "cancel", "refund", "payment-processing" }) {
            as(viewer).post(conf.base() + "/" + id + "/" + action).then().statusCode(403);
        }
        as(viewer).body(Map.of("reference", "x")).post(conf.base() + "/" + id + "/payments").then().statusCode(403);
        as(viewer).body(Map.of("quantity", 5)).patch(conf.base() + "/" + id).then().statusCode(403);
        assertThat(QuarkusTransaction.requiringNew().call(() -> purchases.findById(id).status)).isEqualTo("pending");
        assertThat(QuarkusTransaction.requiringNew().call(() -> purchases.findById(id).quantity)).isEqualTo(2);
    }

    @Test
    void changeImpliesViewAndChangeConferenceOrSuperuserImplyEverything() {
        Conf conf = conference();
        as(organizer(conf)).get(conf.base()).then().statusCode(200);
        String conferenceAdmin = TestTokens.token("chair", "conference:" + conf.slug() + ":change_conference");
        long id = create(conf, purchase(null, 1, null, "0", null)).getLong("id");
        as(conferenceAdmin).post(conf.base() + "/" + id + "/approve").then().statusCode(200)
                .body("approved_by.subject", equalTo("chair"));
        as(superuser()).body(purchase(null, 1, null, "0", null)).post(conf.base()).then().statusCode(201);
        String otherPermission = TestTokens.token("desk", "conference:" + conf.slug() + ":view_checkin");
        as(otherPermission).get(conf.base()).then().statusCode(403);
    }

    @Test
    void staffOfAnotherConferenceGet403AndUnknownConferences404() {
        Conf conf = conference();
        Conf other = conference();
        long id = create(conf, purchase(null, 1, null, "0", null)).getLong("id");

        as(organizer(other)).get(conf.base()).then().statusCode(403);
        as(organizer(other)).get(conf.base() + "/" + id).then().statusCode(403);
        as(organizer(other)).post(conf.base() + "/" + id + "/approve").then().statusCode(403);
        as(organizer(other)).body(purchase(null, 1, null, "0", null)).post(conf.base()).then().statusCode(403);

        as(superuser()).get("/api/conferences/never-announced/bulk-purchases").then().statusCode(404)
                .body("error", equalTo("Conference not found"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> purchases.findById(id).status)).isEqualTo("pending");
    }
}
