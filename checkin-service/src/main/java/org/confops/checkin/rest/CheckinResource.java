package org.confops.checkin.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import io.smallrye.mutiny.Multi;

import org.confops.checkin.domain.CheckIn;
import org.confops.checkin.domain.Conference;
import org.confops.checkin.rest.CheckinViews.AttendeeView;
import org.confops.checkin.rest.CheckinViews.BadgeView;
import org.confops.checkin.rest.CheckinViews.LookupAttendeeView;
import org.confops.checkin.rest.CheckinViews.LookupResponse;
import org.confops.checkin.rest.CheckinViews.ProductView;
import org.confops.checkin.rest.CheckinViews.RedeemResponse;
import org.confops.checkin.rest.CheckinViews.RedeemableView;
import org.confops.checkin.rest.CheckinViews.ScanResponse;
import org.confops.platform.security.ConferenceAccess;
import org.confops.platform.security.Permission;
import org.confops.checkin.service.AnnulService;
import org.confops.checkin.service.AttendeeRecord;
import org.confops.checkin.service.ScanLog;
import org.confops.platform.paging.Page;
import org.confops.platform.paging.Paging;
import org.confops.platform.security.Actor;
import org.confops.checkin.service.DoorCheckService;
import org.confops.checkin.service.LookupService;
import org.confops.checkin.service.Movement;
import org.confops.checkin.service.PreloadService;
import org.confops.checkin.service.RedemptionResult;
import org.confops.platform.errors.Rejection;
import org.confops.checkin.service.ScanResult;
import org.confops.checkin.service.StatisticsService;
import org.confops.checkin.service.SyncItem;
import org.confops.checkin.service.SyncService;
import org.confops.checkin.service.Timestamps;
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
    /** {@code nonce} (optional): the device's id for this scan; resending it after a lost answer counts once. */
    public record ScanRequest(String accessCode, String station, String type, String nonce) {
    }

    public record RedeemRequest(String accessCode, long lineItemId, String nonce) {
    }

    public record DoorCheckRequest(String accessCode, String product, String station) {
    }

    public record DoorCheckResponse(String status, String description, String product, java.time.Instant checkedAt,
            AttendeeView attendee) {
    }

    /** Names the check-in by {@code checkin_id} or by the device's {@code nonce} for the scan; {@code reason} is required. */
    public record AnnulRequest(Long checkinId, String nonce, String reason) {
    }

    public record AnnulResponse(String status, long checkinId, String type, Instant checkedInAt, String station,
            Instant annulledAt, Actor annulledBy, String reason, AttendeeView attendee) {
    }

    public record PageView<T>(List<T> items, int page, int pageSize, long total, long pages) {
        static <T> PageView<T> of(Page<T> page) {
            return new PageView<>(page.items(), page.page(), page.size(), page.total(), page.pages());
        }
    }

    public record SyncResponse(List<Map<String, Object>> results, java.time.Instant serverTime) {
    }

    static final int MAX_SYNC_ITEMS = 500;
    /** A preload is personal data for staff: kept by no shared cache, and revalidated (ETag) before reuse. */
    static final String REVALIDATE = "private, no-cache";
    static final String REDEEM_FIELDS_REQUIRED = "access_code and a valid integer line_item_id are required";

    @Inject
    ConferenceAccess access;

    @Inject
    JsonBody json;

    @Inject
    LookupService lookups;

    @Inject
    PreloadService preloads;

    @Inject
    SyncService syncs;

    @Inject
    StatisticsService statistics;

    @Inject
    org.confops.checkin.service.BulkSync bulkSync;

    @Inject
    org.confops.checkin.service.SyncGate syncGate;

    @Inject
    org.confops.checkin.service.DoorTraffic door;

    @Inject
    StatisticsStream statisticsStream;

    @Inject
    DoorCheckService doorChecks;

    @Inject
    ScanLog scanLog;

    @Inject
    AnnulService annulments;

    @POST
    @Path("scan")
    @Operation(summary = "Check an attendee in by access code (a repeated scan is a re-entry); \"type\": \"exit\" records leaving")
    @RequestBody(content = @Content(schema = @Schema(implementation = ScanRequest.class)))
    public ScanResponse scan(@PathParam("slug") String slug, String body) {
        Conference conference = access.require(slug, Permission.VIEW_CHECKIN);
        JsonNode request = json.object(body);
        ScanResult result;
        door.enter();
        try {
            result = syncs.scanOnce(conference, new Movement(JsonBody.text(request, "access_code"),
                    JsonBody.text(request, "station"), JsonBody.text(request, "type"), null),
                    JsonBody.text(request, "nonce"), SyncService.clientTime(JsonBody.text(request, "client_time")),
                    access.actor());
        } finally {
            door.leave();
        }
        AttendeeRecord record = result.record();
        String status = CheckIn.EXIT.equals(result.checkIn().direction) ? "checked_out" : "checked_in";
        return new ScanResponse(status, AttendeeView.of(record.attendee()),
                BadgeView.of(record), ProductView.of(record.lines()),
                record.orderStatus(), result.checkIn().id, result.checkIn().checkedInAt, result.reentry(),
                result.checkIn().station, result.replayed());
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
        // django-program's one message for a missing code and a missing or non-integer line
        Long lineItemId = JsonBody.integerOrNull(request, "line_item_id");
        if (accessCode == null || accessCode.isBlank() || lineItemId == null) {
            throw Rejection.invalid(REDEEM_FIELDS_REQUIRED).with("line_item_id", request.get("line_item_id"));
        }
        RedemptionResult result = syncs.redeemOnce(conference, accessCode, lineItemId,
                JsonBody.text(request, "nonce"), access.actor());
        var line = result.line();
        return new RedeemResponse("redeemed", result.redemption().id, result.redemption().redeemedAt,
                ProductView.of(line), AttendeeView.of(result.record().attendee()), line.id, line.description,
                line.quantity, line.redeemedCount, line.remaining(), result.replayed());
    }

    @GET
    @Path("preload")
    @Operation(summary = "All admitted attendees with their products, for offline scanning; with ?since=<cursor>"
            + " only those changed since that preload (any order status). Gzipped when accepted; a weak ETag"
            + " answers an unchanged preload's If-None-Match with 304")
    public Response preload(@PathParam("slug") String slug, @QueryParam("ticket_type") String ticketType,
            @QueryParam("since") String since, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Conference conference = access.require(slug, Permission.VIEW_CHECKIN);
        String cursor = PreloadService.validCursor(since);
        Optional<String> etag = preloads.etag(conference, ticketType, cursor);
        if (etag.isPresent() && PreloadService.matches(ifNoneMatch, etag.get())) {
            return Response.notModified().header(HttpHeaders.ETAG, etag.get())
                    .header(HttpHeaders.CACHE_CONTROL, REVALIDATE).build();
        }
        StreamingOutput body = out -> preloads.write(conference, ticketType, cursor, out);
        Response.ResponseBuilder ok = Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, REVALIDATE);
        etag.ifPresent(tag -> ok.header(HttpHeaders.ETAG, tag));
        return ok.build();
    }

    @POST
    @Path("sync")
    @Operation(summary = "Upload scans, exits and redemptions queued offline; each item once, by its nonce")
    public SyncResponse sync(@PathParam("slug") String slug, String body) {
        Conference conference = access.require(slug, Permission.VIEW_CHECKIN);
        // shed before reading the items: under a reconnection storm most uploads are told 429, and parsing
        // theirs would spend the CPU the door's online scans need
        return syncGate.run(() -> applyUpload(conference, body));
    }

    private SyncResponse applyUpload(Conference conference, String body) {
        JsonNode items = json.object(body).get("items");
        if (items == null || !items.isArray() || items.isEmpty() || items.size() > MAX_SYNC_ITEMS) {
            throw Rejection.invalid("items must be a list of 1 to " + MAX_SYNC_ITEMS + " entries");
        }
        var actor = access.actor();
        List<Map<String, Object>> results = new ArrayList<>();
        List<SyncItem> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (JsonNode item : items) {
            String nonce = item.isObject() ? JsonBody.text(item, "nonce") : null;
            try {
                SyncService.validNonce(nonce);
                String type = JsonBody.text(item, "type");
                valid.add(new SyncItem(nonce, type == null ? SyncItem.SCAN : type, JsonBody.text(item, "access_code"),
                        JsonBody.text(item, "station"), JsonBody.integer(item, "line_item_id"),
                        SyncService.clientTime(JsonBody.text(item, "client_time"))));
                positions.add(results.size());
                results.add(null);
            } catch (Rejection invalid) {
                // an item that cannot even be recorded is answered, not stored: its fix is a new nonce
                results.add(SyncService.refused(nonce, invalid));
            }
        }
        if (!valid.isEmpty()) {
            List<Map<String, Object>> applied = bulkSync.apply(conference, valid, actor);
            for (int i = 0; i < applied.size(); i++) {
                results.set(positions.get(i), applied.get(i));
            }
        }
        return new SyncResponse(results, Timestamps.now());
    }

    @GET
    @Path("scans")
    @Operation(summary = "Every scan (entry, exit, hand-out, door check), admitted or refused, newest first, 50 a page;"
            + " filters ?result=accepted|refused, ?reason=, ?type=, ?station=, ?access_code=, ?since=<ISO-8601>")
    public PageView<ScanLog.Entry> scans(@PathParam("slug") String slug, @QueryParam("result") String result,
            @QueryParam("reason") String reason, @QueryParam("station") String station,
            @QueryParam("access_code") String accessCode, @QueryParam("since") String since,
            @QueryParam("type") String type, @QueryParam("page") String page,
            @QueryParam("page_size") String pageSize) {
        Conference conference = access.require(slug, Permission.VIEW_CHECKIN);
        ScanLog.Filter filter = ScanLog.Filter.of(result, reason, station, since, accessCode, type);
        return PageView.of(scanLog.history(conference, filter, Paging.of(page, pageSize)));
    }

    @POST
    @Path("annul")
    @Operation(summary = "Undo a mistaken check-in or exit (by checkin_id or the scan's nonce) within 15 minutes:"
            + " whoever made it, or a holder of supervise_checkin; a reason is required")
    @RequestBody(content = @Content(schema = @Schema(implementation = AnnulRequest.class)))
    public AnnulResponse annul(@PathParam("slug") String slug, String body) {
        Conference conference = access.require(slug, Permission.VIEW_CHECKIN);
        JsonNode request = json.object(body);
        var done = annulments.annul(conference, JsonBody.integer(request, "checkin_id"),
                JsonBody.text(request, "nonce"), JsonBody.text(request, "reason"), access.actor(),
                access.holds(slug, Permission.SUPERVISE_CHECKIN));
        var checkIn = done.checkIn();
        return new AnnulResponse("annulled", checkIn.id, checkIn.direction, checkIn.checkedInAt, checkIn.station,
                checkIn.annulledAt, new Actor(checkIn.annulledBySubject, checkIn.annulledByName), checkIn.annulReason,
                AttendeeView.of(done.attendee()));
    }

    @GET
    @Path("stats")
    @Operation(summary = "Live statistics: totals, rate, today, inside now, stations, arrivals per 15 minutes by"
            + " station, recent, redemptions, doors, refusals; ?ticket_type=<slug> narrows them to that ticket type."
            + " One shared snapshot, at most a second or two old")
    public StatisticsService.Statistics stats(@PathParam("slug") String slug,
            @QueryParam("ticket_type") String ticketType) {
        return statistics.of(access.require(slug, Permission.VIEW_CHECKIN), ticketType);
    }

    @GET
    @Path("stats/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The statistics as server-sent events: a \"stats\" event (the stats body) whenever they"
            + " change, looked at every second; a comment line every 10 s otherwise; ?ticket_type=<slug> as for stats")
    public Multi<OutboundSseEvent> statsStream(@PathParam("slug") String slug,
            @QueryParam("ticket_type") String ticketType, @Context Sse sse) {
        Conference conference = access.require(slug, Permission.VIEW_CHECKIN);
        return statisticsStream.of(sse, conference, ticketType == null || ticketType.isBlank() ? null : ticketType.trim());
    }

    @POST
    @Path("door-check")
    @Operation(summary = "Admit an attendee to a tutorial, meal or event they hold the ticket type or add-on for")
    @RequestBody(content = @Content(schema = @Schema(implementation = DoorCheckRequest.class)))
    public DoorCheckResponse doorCheck(@PathParam("slug") String slug, String body) {
        Conference conference = access.require(slug, Permission.VIEW_CHECKIN);
        JsonNode request = json.object(body);
        var result = doorChecks.check(conference, JsonBody.text(request, "access_code"),
                JsonBody.text(request, "product"), JsonBody.text(request, "station"), access.actor());
        return new DoorCheckResponse("admitted", result.line().description, result.check().productSlug,
                result.check().checkedAt, AttendeeView.of(result.record().attendee()));
    }
}
