package org.confops.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confops.catalog.support.Catalog.as;
import static org.confops.catalog.support.Catalog.conference;
import static org.confops.catalog.support.Catalog.orderBody;
import static org.confops.catalog.support.Catalog.orders;
import static org.confops.catalog.support.Catalog.organizer;
import static org.confops.catalog.support.Catalog.placeOrder;
import static org.confops.catalog.support.Catalog.ticketType;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.confops.testinfra.Concurrently;
import org.confops.testinfra.PlatformEvents;
import org.confops.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Signed badges through HTTP: the QR codes decode to a code that verifies with the conference's published key. */
@QuarkusTest
class BadgeTest {

    @Inject
    EntityManager em;

    /** A conference with a paid attendee; returns {slug, attendee id, access code}. */
    private static String[] paidAttendee() {
        String conf = conference();
        ticketType(conf, "regular", "450.00");
        JsonPath order = placeOrder(conf, orderBody("regular", null, null));
        as(organizer(conf)).body(Map.of("reference", "psp-" + order.getLong("id"), "amount", "450.00"))
                .post(orders(conf) + "/" + order.getLong("id") + "/payments").then().statusCode(201);
        return new String[] {conf, order.getString("attendee.id"), order.getString("attendee.access_code")};
    }

    private static String badgePath(String conf, String attendeeId) {
        return "/api/conferences/" + conf + "/attendees/" + attendeeId + "/badge";
    }

    private static String owner(String conf) {
        return TestTokens.token("owner-" + conf, "conference:" + conf + ":change_conference");
    }

    /** The published public key with this id, as the conference's key list gives it. */
    private static PublicKey publicKey(String conf, long keyId) throws Exception {
        List<Map<String, Object>> keys = given().auth().oauth2(organizer(conf))
                .get("/api/conferences/" + conf + "/signing-keys").then().statusCode(200).extract().jsonPath()
                .getList("");
        String encoded = keys.stream().filter(k -> ((Number) k.get("key_id")).longValue() == keyId)
                .map(k -> (String) k.get("public_key")).findFirst().orElseThrow();
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                .decode(encoded)));
    }

    static boolean verifies(String code, PublicKey key) throws Exception {
        byte[] signed = Base64.getUrlDecoder().decode(code);
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(key);
        signature.update(signed, 0, signed.length - 64);
        return signature.verify(signed, signed.length - 64, 64);
    }

    /** Format 1 of contracts/badges.md, read back. */
    record Decoded(int format, long keyId, String conference, String accessCode, String ticketType, long validFrom,
            long validUntil) {
        static Decoded of(String code) {
            ByteBuffer in = ByteBuffer.wrap(Base64.getUrlDecoder().decode(code));
            return new Decoded(in.get() & 0xFF, in.getInt() & 0xFFFFFFFFL, text(in), text(in), text(in),
                    in.getInt() & 0xFFFFFFFFL, in.getInt() & 0xFFFFFFFFL);
        }

        private static String text(ByteBuffer in) {
            byte[] bytes = new byte[in.get() & 0xFF];
            in.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String decodeQr(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    @Test
    void badgeIsSignedWithTheConferencesPublishedKeyAndCarriesItsFields() throws Exception {
        String[] a = paidAttendee();
        JsonPath badge = given().auth().oauth2(organizer(a[0])).get(badgePath(a[0], a[1])).then().statusCode(200)
                .body("access_code", equalTo(a[2])).body("ticket_type", equalTo("regular")).extract().jsonPath();
        String code = badge.getString("code");
        long keyId = badge.getLong("key_id");

        Decoded decoded = Decoded.of(code);
        assertThat(decoded.format()).isEqualTo(1);
        assertThat(decoded.keyId()).isEqualTo(keyId);
        assertThat(decoded.conference()).isEqualTo(a[0]);
        assertThat(decoded.accessCode()).isEqualTo(a[2]);
        assertThat(decoded.ticketType()).isEqualTo("regular");
        // valid until the end of the day after the last day (2027-06-03, Europe/Berlin)
        assertThat(Instant.ofEpochSecond(decoded.validUntil())).isEqualTo(Instant.parse("2027-06-04T22:00:00Z"));
        assertThat(decoded.validFrom()).isLessThanOrEqualTo(Instant.now().getEpochSecond());
        assertThat(verifies(code, publicKey(a[0], keyId))).isTrue();

        // the key check-in learns of: in the conference's snapshot, public half only
        long conferenceId = given().auth().oauth2(organizer(a[0])).get("/api/conferences/" + a[0]).then()
                .extract().jsonPath().getLong("id");
        var events = PlatformEvents.read("catalog", r -> String.valueOf(conferenceId).equals(r.key())
                && "conference.changed".equals(r.type()), 1, Duration.ofSeconds(30));
        var keys = events.get(events.size() - 1).data().get("signing_keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("key_id").asLong()).isEqualTo(keyId);
        assertThat(keys.get(0).get("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(keys.get(0).has("private_key")).isFalse();
    }

    @Test
    void tamperedBadgeDoesNotVerify() throws Exception {
        String[] a = paidAttendee();
        String code = given().auth().oauth2(organizer(a[0])).get(badgePath(a[0], a[1])).then().statusCode(200)
                .extract().jsonPath().getString("code");
        PublicKey key = publicKey(a[0], Decoded.of(code).keyId());
        byte[] signed = Base64.getUrlDecoder().decode(code);
        // another access code of the same length in the signed bytes
        String forgedCode = new String(signed, StandardCharsets.ISO_8859_1).replace(a[2], "ZZZZZZZZ");
        byte[] forged = forgedCode.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Arrays.equals(forged, signed)).isFalse();
        assertThat(verifies(Base64.getUrlEncoder().withoutPadding().encodeToString(forged), key)).isFalse();
        byte[] badSignature = signed.clone();
        badSignature[badSignature.length - 1] ^= 1;
        assertThat(verifies(Base64.getUrlEncoder().withoutPadding().encodeToString(badSignature), key)).isFalse();
    }

    @Test
    void pngAndSvgAreQrCodesOfTheSignedBadge() throws Exception {
        String[] a = paidAttendee();
        String code = given().auth().oauth2(organizer(a[0])).get(badgePath(a[0], a[1])).then().statusCode(200)
                .extract().jsonPath().getString("code");
        PublicKey key = publicKey(a[0], Decoded.of(code).keyId());

        byte[] png = given().auth().oauth2(organizer(a[0])).get(badgePath(a[0], a[1]) + ".png").then()
                .statusCode(200).contentType("image/png").extract().asByteArray();
        String fromPng = decodeQr(ImageIO.read(new ByteArrayInputStream(png)));
        assertThat(fromPng).isEqualTo(code);
        assertThat(verifies(fromPng, key)).isTrue();

        String svg = given().auth().oauth2(organizer(a[0])).get(badgePath(a[0], a[1]) + ".svg").then()
                .statusCode(200).contentType("image/svg+xml").extract().asString();
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        // draw the SVG's unit squares into an image and read it as a scanner would
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(box.find()).isTrue();
        int size = Integer.parseInt(box.group(1));
        BitMatrix modules = new BitMatrix(size);
        Matcher square = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        while (square.find()) {
            modules.set(Integer.parseInt(square.group(1)), Integer.parseInt(square.group(2)));
        }
        int scale = 4;
        BufferedImage image = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, modules.get(x / scale, y / scale) ? 0 : 0xFFFFFF);
            }
        }
        String fromSvg = decodeQr(image);
        assertThat(fromSvg).isEqualTo(code);
        assertThat(verifies(fromSvg, key)).isTrue();
    }

    @Test
    void rotationSignsWithANewKeyAndOldBadgesKeepVerifying() throws Exception {
        String[] a = paidAttendee();
        String before = given().auth().oauth2(organizer(a[0])).get(badgePath(a[0], a[1])).then().statusCode(200)
                .extract().jsonPath().getString("code");
        long oldKey = Decoded.of(before).keyId();

        long newKey = as(owner(a[0])).post("/api/conferences/" + a[0] + "/signing-keys").then().statusCode(201)
                .body("active", equalTo(true)).body("retired_at", nullValue()).extract().jsonPath().getLong("key_id");
        assertThat(newKey).isNotEqualTo(oldKey);

        given().auth().oauth2(organizer(a[0])).get("/api/conferences/" + a[0] + "/signing-keys").then()
                .statusCode(200).body("", hasSize(2))
                .body("[0].key_id", equalTo((int) oldKey)).body("[0].active", equalTo(false))
                .body("[1].key_id", equalTo((int) newKey)).body("[1].active", equalTo(true))
                .body("[0].private_key", nullValue()).body("[1].private_key", nullValue());
        JsonPath keys = given().auth().oauth2(organizer(a[0])).get("/api/conferences/" + a[0] + "/signing-keys")
                .then().extract().jsonPath();
        assertThat(keys.getString("[0].retired_at")).isNotNull();
        assertThat(Instant.parse(keys.getString("[1].expires_at")))
                .isAfter(Instant.parse(keys.getString("[1].created_at")).plus(Duration.ofDays(700)));

        String after = given().auth().oauth2(organizer(a[0])).get(badgePath(a[0], a[1])).then().statusCode(200)
                .extract().jsonPath().getString("code");
        assertThat(Decoded.of(after).keyId()).isEqualTo(newKey);
        assertThat(verifies(after, publicKey(a[0], newKey))).isTrue();
        assertThat(verifies(before, publicKey(a[0], oldKey))).isTrue();
        assertThat(verifies(before, publicKey(a[0], newKey))).isFalse();
    }

    private static String reissuePath(String conf, String attendeeId) {
        return "/api/conferences/" + conf + "/attendees/" + attendeeId + "/reissue";
    }

    @Test
    void reissuingGivesANewCodeRetiresTheOldOneForGoodAndAnnouncesBoth() throws Exception {
        String[] a = paidAttendee();
        JsonPath first = as(organizer(a[0])).body(Map.of("reason", "lost at the party"))
                .post(reissuePath(a[0], a[1])).then().statusCode(200)
                .body("id", equalTo(Integer.parseInt(a[1]))).body("previous_access_code", equalTo(a[2]))
                .extract().jsonPath();
        String second = first.getString("access_code");
        assertThat(second).matches("[A-Z0-9]{8}").isNotEqualTo(a[2]);
        assertThat(first.getList("revoked_access_codes")).containsExactly(a[2]);

        // the badge is now signed for the new code; the order shows it too
        String code = given().auth().oauth2(organizer(a[0])).get(badgePath(a[0], a[1])).then().statusCode(200)
                .extract().path("code");
        assertThat(Decoded.of(code).accessCode()).isEqualTo(second);

        // a second reissue (no reason given) revokes both earlier codes, oldest first
        JsonPath again = as(organizer(a[0])).post(reissuePath(a[0], a[1])).then().statusCode(200).extract().jsonPath();
        assertThat(again.getList("revoked_access_codes")).containsExactly(a[2], second);

        long attendeeId = Long.parseLong(a[1]);
        var events = PlatformEvents.read("attendees", r -> a[1].equals(r.key()) && "attendee.changed".equals(r.type())
                && r.data().get("version").asLong() >= 2, 2, Duration.ofSeconds(30));
        assertThat(events).extracting(e -> e.data().get("access_code").asText())
                .containsExactly(second, again.getString("access_code"));
        assertThat(events.get(1).data().get("revoked_access_codes")).hasSize(2);
        assertThat(events.get(1).data().get("revoked_access_codes").get(0).asText()).isEqualTo(a[2]);
        assertThat(events.get(1).data().get("id").asLong()).isEqualTo(attendeeId);
        // the very first attendee.changed of a new attendee names no revoked codes
        JsonPath fresh = placeOrder(a[0], orderBody("regular", null, null));
        var created = PlatformEvents.read("attendees", r -> fresh.getString("attendee.id").equals(r.key())
                && "attendee.changed".equals(r.type()), 1, Duration.ofSeconds(30));
        assertThat(created.get(0).data().get("revoked_access_codes")).isEmpty();
    }

    @Test
    void reissuingIsRefusedToVolunteersOtherConferencesUnpaidOrdersAndBadInputAndChangesNothing() {
        String[] a = paidAttendee();
        String volunteer = TestTokens.token("volunteer-" + a[0], "conference:" + a[0] + ":view_checkin");
        as(volunteer).post(reissuePath(a[0], a[1])).then().statusCode(403).contentType("application/json");
        String other = conference();
        as(organizer(other)).post(reissuePath(other, a[1])).then().statusCode(404)
                .body("error", equalTo("Attendee not found"));
        as(organizer(other)).post(reissuePath(a[0], a[1])).then().statusCode(403);
        as(organizer(a[0])).body(Map.of("reason", "x".repeat(201))).post(reissuePath(a[0], a[1])).then()
                .statusCode(400).contentType("application/json");
        as(organizer(a[0])).body("{\"reason\": 5}").post(reissuePath(a[0], a[1])).then().statusCode(400);
        JsonPath pending = placeOrder(a[0], orderBody("regular", null, null));
        as(organizer(a[0])).post(reissuePath(a[0], pending.getString("attendee.id"))).then().statusCode(409)
                .body("order_status", equalTo("pending"));
        // none of that changed the attendee's code
        String code = given().auth().oauth2(organizer(a[0])).get(badgePath(a[0], a[1])).then().statusCode(200)
                .extract().path("code");
        assertThat(Decoded.of(code).accessCode()).isEqualTo(a[2]);
    }

    @Test
    void onlyCatalogManagersGetBadgesAndOnlyConferenceOwnersRotate() {
        String[] a = paidAttendee();
        String volunteer = TestTokens.token("volunteer-" + a[0], "conference:" + a[0] + ":view_checkin");
        given().auth().oauth2(volunteer).get(badgePath(a[0], a[1]) + ".png").then().statusCode(403)
                .contentType("application/json").body("error", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(volunteer).get(badgePath(a[0], a[1])).then().statusCode(403);
        given().get(badgePath(a[0], a[1]) + ".svg").then().statusCode(401).contentType("application/json");
        String otherOrganizer = organizer(conference());
        given().auth().oauth2(otherOrganizer).get(badgePath(a[0], a[1]) + ".svg").then().statusCode(403);
        given().auth().oauth2(owner(a[0])).get(badgePath(a[0], a[1]) + ".svg").then().statusCode(200);

        as(organizer(a[0])).post("/api/conferences/" + a[0] + "/signing-keys").then().statusCode(403);
        as(volunteer).post("/api/conferences/" + a[0] + "/signing-keys").then().statusCode(403);
        given().auth().oauth2(volunteer).get("/api/conferences/" + a[0] + "/signing-keys").then().statusCode(403);
    }

    @Test
    void unpaidOrAnotherConferencesAttendeeGetsNoBadge() {
        String[] a = paidAttendee();
        JsonPath pending = placeOrder(a[0], orderBody("regular", null, null));
        given().auth().oauth2(organizer(a[0])).get(badgePath(a[0], pending.getString("attendee.id")) + ".png")
                .then().statusCode(409).contentType("application/json")
                .body("order_status", equalTo("pending"));
        String other = conference();
        given().auth().oauth2(organizer(other)).get(badgePath(other, a[1]) + ".svg").then().statusCode(404)
                .contentType("application/json").body("error", equalTo("Attendee not found"));
        given().auth().oauth2(organizer(a[0])).get(badgePath(a[0], "abc")).then().statusCode(404);
    }

    @Test
    void aConferenceOlderThanBadgesGetsOneKeyOnItsFirstBadgesAndPublishesIt() throws Exception {
        String[] a = paidAttendee();
        long conferenceId = given().auth().oauth2(organizer(a[0])).get("/api/conferences/" + a[0]).then()
                .extract().jsonPath().getLong("id");
        // as a conference created before signing keys existed
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "DELETE FROM signing_key WHERE conference_id = ?1").setParameter(1, conferenceId).executeUpdate());

        List<Long> keyIds = Concurrently.run(4, () -> Decoded.of(given().auth().oauth2(organizer(a[0]))
                .get(badgePath(a[0], a[1])).then().statusCode(200).extract().jsonPath().getString("code")).keyId());
        assertThat(keyIds).hasSize(4).containsOnly(keyIds.get(0));
        given().auth().oauth2(organizer(a[0])).get("/api/conferences/" + a[0] + "/signing-keys").then()
                .statusCode(200).body("", hasSize(1)).body("[0].key_id", equalTo(keyIds.get(0).intValue()));
        var events = PlatformEvents.read("catalog", r -> String.valueOf(conferenceId).equals(r.key())
                && "conference.changed".equals(r.type()) && r.data().get("version").asLong() == 2, 1,
                Duration.ofSeconds(30));
        assertThat(events.get(0).data().get("signing_keys").get(0).get("key_id").asLong()).isEqualTo(keyIds.get(0));
    }
}
