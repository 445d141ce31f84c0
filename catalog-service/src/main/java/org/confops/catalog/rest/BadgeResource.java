package org.confops.catalog.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.confops.catalog.domain.Conference;
import org.confops.catalog.domain.SigningKey;
import org.confops.catalog.messaging.CatalogEvents.PublicSigningKey;
import org.confops.catalog.service.BadgeService;
import org.confops.catalog.service.BadgeService.Badge;
import org.confops.catalog.service.SigningKeyService;
import org.confops.platform.security.ConferenceAccess;
import org.confops.platform.security.Permission;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

/**
 * Signed badges for printing (manage_catalog) and the conference's signing keys; rotating needs
 * change_conference. No answer ever carries a private key.
 */
@Path("/api/conferences/{slug}")
@Authenticated
@Blocking
@Tag(name = "badges")
public class BadgeResource {

    public static final String SVG = "image/svg+xml";
    public static final String PNG = "image/png";

    /** {@code code}: what the QR code holds, a signed badge in format 1 of contracts/badges.md. */
    public record BadgeView(long attendeeId, String accessCode, String name, String ticketType, long keyId,
            Instant validFrom, Instant validUntil, String code) {
        static BadgeView of(Badge badge) {
            return new BadgeView(badge.attendee().id, badge.attendee().accessCode, badge.attendee().name,
                    badge.ticketType(), badge.key().id, badge.payload().validFrom(), badge.payload().validUntil(),
                    badge.code());
        }
    }

    /** A key as operators see it: when it was made, retired and expires (for expiry alerts), never its secret. */
    public record SigningKeyView(long keyId, String algorithm, String publicKey, Instant createdAt,
            Instant retiredAt, Instant expiresAt, boolean active) {
        static SigningKeyView of(SigningKey key) {
            PublicSigningKey published = PublicSigningKey.of(key);
            return new SigningKeyView(key.id, key.algorithm, published.publicKey(), key.createdAt, key.retiredAt,
                    key.expiresAt, key.active());
        }
    }

    @Inject
    ConferenceAccess access;

    @Inject
    BadgeService badges;

    @Inject
    SigningKeyService signingKeys;

    private Badge signed(String slug, long attendeeId) {
        Conference conference = access.require(slug, Permission.MANAGE_CATALOG);
        return badges.issue(conference, attendeeId);
    }

    @GET
    @Path("attendees/{id}/badge")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The attendee's signed badge code (what the QR code holds) with its key and validity")
    public BadgeView badge(@PathParam("slug") String slug, @PathParam("id") long attendeeId) {
        return BadgeView.of(signed(slug, attendeeId));
    }

    @GET
    @Path("attendees/{id}/badge.svg")
    @Produces(SVG)
    @Operation(summary = "The attendee's signed badge as a QR code (SVG), for printing")
    public Response badgeSvg(@PathParam("slug") String slug, @PathParam("id") long attendeeId) {
        return printable(QrCodes.svg(signed(slug, attendeeId).code()), SVG);
    }

    @GET
    @Path("attendees/{id}/badge.png")
    @Produces(PNG)
    @Operation(summary = "The attendee's signed badge as a QR code (PNG, 8 pixels a module), for printing")
    public Response badgePng(@PathParam("slug") String slug, @PathParam("id") long attendeeId) {
        return printable(QrCodes.png(signed(slug, attendeeId).code()), PNG);
    }

    /** A badge image is admission: never kept by a cache along the way. */
    private static Response printable(Object image, String type) {
        return Response.ok(image, type).header("Cache-Control", "private, no-store").build();
    }

    @GET
    @Path("signing-keys")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The conference's badge signing keys, oldest first: public key, created, retired, expires")
    public List<SigningKeyView> keys(@PathParam("slug") String slug) {
        Conference conference = access.require(slug, Permission.MANAGE_CATALOG);
        return signingKeys.list(conference).stream().map(SigningKeyView::of).toList();
    }

    @POST
    @Path("signing-keys")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rotate (change_conference): a new key signs from now on; older keys keep verifying")
    public Response rotate(@PathParam("slug") String slug) {
        Conference conference = access.require(slug, Permission.CHANGE_CONFERENCE);
        SigningKey key = signingKeys.rotate(conference);
        return Response.created(URI.create("/api/conferences/" + slug + "/signing-keys"))
                .entity(SigningKeyView.of(key)).type(MediaType.APPLICATION_JSON).build();
    }
}
