package org.confops.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A sponsor's comp bulk purchase in bulk-purchase-service, fulfilled into codes that catalog-service accepts for
 * orders through the real broker; the order's use of one code comes back as that voucher's {@code times_used}.
 */
class BulkVouchersToOrderTest {

    private static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = Platform.get();
    }

    private static String catalog(String path) {
        return platform.url(Platform.Service.CATALOG) + path;
    }

    @Test
    void fulfilledCodesAreUsableForOrdersAndTheirUseIsCountedInTheDetail() {
        String slug = "bulk-" + System.currentTimeMillis();
        // a conference of its own; the realm's demo roles name only the demo conferences, so the superuser acts
        String admin = platform.login("admin");
        String catalogOrganizer = admin;
        String bulkOrganizer = admin;
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Bulk Conf", "start_date", "2027-06-01",
                        "end_date", "2027-06-02", "time_zone", "Europe/Amsterdam"))
                .post(catalog("/api/conferences")).then().statusCode(201);
        given().auth().oauth2(catalogOrganizer).contentType(ContentType.JSON)
                .body(Map.of("slug", "regular", "name", "Regular ticket", "price", "300", "bulk_enabled", true))
                .post(catalog("/api/conferences/" + slug + "/ticket-types")).then().statusCode(201);
        given().auth().oauth2(catalogOrganizer).contentType(ContentType.JSON)
                .body(Map.of("slug", "initech", "name", "Initech", "level", "silver"))
                .post(catalog("/api/conferences/" + slug + "/sponsors")).then().statusCode(201);
        String bulk = platform.url(Platform.Service.BULK_PURCHASE) + "/api/conferences/" + slug + "/bulk-purchases";
        Map<String, Object> request = Arrange.compCodes(3);

        // bulk-purchase-service learns conference, ticket type and sponsor from the catalog topic
        long[] id = new long[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Response created = given().auth().oauth2(bulkOrganizer).contentType(ContentType.JSON).body(request)
                    .post(bulk);
            if (created.statusCode() == 201) {
                id[0] = created.jsonPath().getLong("id");
            }
            return created.statusCode() == 201;
        });
        given().auth().oauth2(bulkOrganizer).contentType(ContentType.JSON).post(bulk + "/" + id[0] + "/approve")
                .then().statusCode(200);
        given().auth().oauth2(bulkOrganizer).contentType(ContentType.JSON).post(bulk + "/" + id[0] + "/fulfill")
                .then().statusCode(201);
        JsonPath detail = given().auth().oauth2(bulkOrganizer).get(bulk + "/" + id[0]).then().statusCode(200)
                .extract().jsonPath();
        List<String> codes = detail.getList("vouchers.code");
        assertThat(codes).hasSize(3).allSatisfy(code -> assertThat(code).matches("BULK-INITECH-[A-Z0-9]{8}"));
        String code = codes.get(1);

        // the catalog accepts the code once voucher.issued arrived: a free, paid order
        Map<String, Object> order = Map.of("attendee", Map.of("name", "Milton Waddams", "email", "milton@example.org"),
                "ticket_type", "regular", "voucher_code", code);
        JsonPath placed = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(
                () -> given().auth().oauth2(catalogOrganizer).contentType(ContentType.JSON).body(order)
                        .post(catalog("/api/conferences/" + slug + "/orders")),
                response -> response.statusCode() == 201).jsonPath();
        assertThat(placed.getString("status")).isEqualTo("paid");
        assertThat(placed.getString("total")).isEqualTo("0.00");
        assertThat(placed.getString("voucher_code")).isEqualTo(code);

        // voucher.redeemed comes back: that code's times_used is 1, the others' 0
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> given()
                .auth().oauth2(bulkOrganizer).get(bulk + "/" + id[0]).jsonPath()
                .getInt("vouchers.find { it.code == '" + code + "' }.times_used") == 1);
        JsonPath after = given().auth().oauth2(bulkOrganizer).get(bulk + "/" + id[0]).jsonPath();
        assertThat(after.getList("vouchers.times_used", Integer.class)).containsExactly(0, 1, 0);
        assertThat(after.getInt("vouchers_used")).isEqualTo(1);

        // a used-up code is refused by the catalog
        given().auth().oauth2(catalogOrganizer).contentType(ContentType.JSON).body(order)
                .post(catalog("/api/conferences/" + slug + "/orders")).then().statusCode(409);
    }
}
