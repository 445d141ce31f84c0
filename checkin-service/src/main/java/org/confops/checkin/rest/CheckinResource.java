package org.confops.checkin.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

import org.confops.checkin.domain.Conference;
import org.confops.checkin.rest.CheckinViews.AttendeeView;
import org.confops.checkin.rest.CheckinViews.BadgeView;
import org.confops.checkin.rest.CheckinViews.LookupAttendeeView;
import org.confops.checkin.rest.CheckinViews.LookupResponse;
import org.confops.checkin.rest.CheckinViews.ProductView;
import org.confops.checkin.rest.CheckinViews.RedeemResponse;
import org.confops.checkin.rest.CheckinViews.RedeemableView;
import org.confops.checkin.rest.CheckinViews.ScanResponse;
import org.confops.checkin.security.ConferenceAccess;
import org.confops.checkin.security.Permission;
import org.confops.checkin.service.AttendeeRecord;
import org.confops.checkin.service.CheckinService;
import org.confops.checkin.service.LookupService;
import org.confops.checkin.service.PreloadService;
import org.confops.checkin.service.RedemptionResult;
import org.confops.checkin.service.RedemptionService;
import org.confops.checkin.service.Rejection;
import org.confops.checkin.service.ScanResult;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

/** The registration desk's API, wire-compatible with django-program's check-in views. */
@Path("/api/conferences/{slug}/checkin")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
@Tag(name = "check-in")
@SecurityRequirement(name = "bearer")
public class CheckinResource {

    /** Request bodies, for the API description: the resource reads them leniently (see {@link JsonBody}). */
    public record ScanRequest(String accessCode, String station) {
    }

    public record RedeemRequest(String accessCode, long lineItemId) {
    }

    @Inject
    ConferenceAccess access;

    @Inject
    JsonBody json;

    @Inject
    CheckinService checkins;

    @Inject
    LookupService lookups;

    @Inject
    RedemptionService redemptions;

    @Inject
    PreloadService preloads;

    @POST
    @Path("scan")
    @Operation(summary = "Check an attendee in by access code (a repeated scan is a re-entry)")
    @RequestBody(content = @Content(schema = @Schema(implementation = ScanRequest.class)))
    public ScanResponse scan(@PathParam("slug") String slug, String body) {
        Conference conference = access.require(slug, Permission.VIEW_CHECKIN);
        JsonNode request = json.object(body);
        ScanResult result = checkins.scan(conference, JsonBody.text(request, "access_code"),
                JsonBody.text(request, "station"), access.actor());
        AttendeeRecord record = result.record();
        return new ScanResponse("checked_in", AttendeeView.of(record.attendee()),
                new BadgeView(record.attendee().name, record.ticketType()), ProductView.of(record.lines()),
                record.orderStatus(), result.checkIn().id, result.checkIn().checkedInAt, result.reentry(),
                result.checkIn().station);
    }

    @GET
    @Path("lookup/{accessCode}")
    @Operation(summary = "Look an attendee up without checking them in")
    public LookupResponse lookup(@PathParam("slug") String slug, @PathParam("accessCode") String accessCode) {
        Conference conference = access.require(slug, Permission.VIEW_CHECKIN);
        AttendeeRecord record = lookups.lookup(conference, accessCode);
        return new LookupResponse(LookupAttendeeView.of(record), ProductView.of(record.lines()),
                record.redeemable().stream().map(RedeemableView::of).toList(), record.orderStatus());
    }

    @POST
    @Path("redeem")
    @Operation(summary = "Hand out one unit of a purchased add-on")
    @RequestBody(content = @Content(schema = @Schema(implementation = RedeemRequest.class)))
    public RedeemResponse redeem(@PathParam("slug") String slug, String body) {
        Conference conference = access.require(slug, Permission.VIEW_CHECKIN);
        JsonNode request = json.object(body);
        String accessCode = JsonBody.text(request, "access_code");
        Long lineItemId = JsonBody.integer(request, "line_item_id");
        if (accessCode == null || accessCode.isBlank() || lineItemId == null) {
            throw Rejection.invalid("access_code and line_item_id are required");
        }
        RedemptionResult result = redemptions.redeem(conference, accessCode, lineItemId, access.actor());
        var line = result.line();
        return new RedeemResponse("redeemed", result.redemption().id, line.id, line.description, line.quantity,
                line.redeemedCount, line.remaining(), result.redemption().redeemedAt,
                AttendeeView.of(result.record().attendee()));
    }

    @GET
    @Path("preload")
    @Operation(summary = "All admitted attendees with their products, for offline scanning")
    public StreamingOutput preload(@PathParam("slug") String slug, @QueryParam("ticket_type") String ticketType) {
        Conference conference = access.require(slug, Permission.VIEW_CHECKIN);
        return out -> preloads.write(conference, ticketType, out);
    }
}
