package org.confops.bulkpurchase.rest;

import org.confops.platform.paging.Paging;
import java.net.URI;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.confops.bulkpurchase.domain.BulkPurchase;
import org.confops.bulkpurchase.domain.BulkStatus;
import org.confops.bulkpurchase.domain.BulkVoucher;
import org.confops.bulkpurchase.domain.Conference;
import org.confops.bulkpurchase.rest.BulkViews.CloseView;
import org.confops.bulkpurchase.rest.BulkViews.FulfilView;
import org.confops.bulkpurchase.rest.BulkViews.PageView;
import org.confops.bulkpurchase.rest.BulkViews.PurchaseView;
import org.confops.platform.security.ConferenceAccess;
import org.confops.platform.security.Permission;
import org.confops.bulkpurchase.service.BulkPurchaseRequest;
import org.confops.bulkpurchase.service.BulkPurchaseService;
import org.confops.bulkpurchase.service.ConfigureRequest;
import org.confops.bulkpurchase.service.FulfilResult;
import org.confops.bulkpurchase.service.PaymentRequest;
import org.confops.bulkpurchase.service.PurchaseDetails;
import org.confops.platform.errors.Rejection;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

@Path("/api/conferences/{slug}/bulk-purchases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
@Tag(name = "bulk purchases")
// Actions without a body (approve, fulfill, …) accept any Content-Type, or none: curl -X POST works as is.
public class BulkPurchaseResource {

    @Inject
    ConferenceAccess access;

    @Inject
    BulkPurchaseService purchases;

    @GET
    @Operation(summary = "Bulk purchases, newest first, 50 a page; ?status= filters (an unknown status is ignored)")
    public PageView<PurchaseView> list(@PathParam("slug") String slug, @QueryParam("status") String status,
            @QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        Conference conference = access.require(slug, Permission.VIEW_BULK_PURCHASES);
        // Like the reference, a status filter it does not know lists everything rather than failing.
        String filter = status != null && BulkStatus.ALL.contains(status.trim()) ? status.trim() : null;
        Paging paging = Paging.of(page, pageSize);
        return PageView.of(purchases.list(conference, filter, paging.page(), paging.size()).map(PurchaseView::of));
    }

    @POST
    @Operation(summary = "Request a bulk purchase (starts pending)")
    public Response create(@PathParam("slug") String slug, @Valid @NotNull BulkPurchaseRequest request) {
        Conference conference = access.require(slug, Permission.CHANGE_BULK_PURCHASES);
        PurchaseDetails created = purchases.create(conference, request, access.actor());
        return Response.created(URI.create(base(slug) + "/" + created.purchase().id))
                .entity(PurchaseView.of(created)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "The purchase with its generated vouchers and their use counts")
    public PurchaseView get(@PathParam("slug") String slug, @PathParam("id") String id) {
        Conference conference = access.require(slug, Permission.VIEW_BULK_PURCHASES);
        return PurchaseView.of(purchases.get(conference, id(id)));
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Configure quantity, unit price and voucher_config while pending or approved")
    public PurchaseView configure(@PathParam("slug") String slug, @PathParam("id") String id,
            @Valid @NotNull ConfigureRequest request) {
        Conference conference = access.require(slug, Permission.CHANGE_BULK_PURCHASES);
        return PurchaseView.of(purchases.configure(conference, id(id), request));
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.WILDCARD)
    public PurchaseView approve(@PathParam("slug") String slug, @PathParam("id") String id) {
        Conference conference = access.require(slug, Permission.CHANGE_BULK_PURCHASES);
        return PurchaseView.of(purchases.approve(conference, id(id), access.actor()));
    }

    @POST
    @Path("{id}/payment-processing")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "approved → processing: payment started")
    public PurchaseView startPayment(@PathParam("slug") String slug, @PathParam("id") String id) {
        Conference conference = access.require(slug, Permission.CHANGE_BULK_PURCHASES);
        return PurchaseView.of(purchases.startPayment(conference, id(id)));
    }

    @POST
    @Path("{id}/payment-failed")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "processing → failed")
    public PurchaseView failPayment(@PathParam("slug") String slug, @PathParam("id") String id) {
        Conference conference = access.require(slug, Permission.CHANGE_BULK_PURCHASES);
        return PurchaseView.of(purchases.failPayment(conference, id(id), access.actor()));
    }

    @POST
    @Path("{id}/payments")
    @Operation(summary = "approved/processing → paid; 201, or 200 when this reference was recorded before")
    public Response recordPayment(@PathParam("slug") String slug, @PathParam("id") String id,
            @Valid @NotNull PaymentRequest request) {
        Conference conference = access.require(slug, Permission.CHANGE_BULK_PURCHASES);
        BulkPurchaseService.Payment paid = purchases.recordPayment(conference, id(id), request);
        return Response.status(paid.duplicate() ? 200 : 201).entity(PurchaseView.of(paid.details())).build();
    }

    @POST
    @Path("{id}/fulfill")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Generate the codes: 201 with the count created, 200 with already_fulfilled when done before")
    public Response fulfil(@PathParam("slug") String slug, @PathParam("id") String id) {
        Conference conference = access.require(slug, Permission.CHANGE_BULK_PURCHASES);
        FulfilResult result = purchases.fulfil(conference, id(id), access.actor());
        return Response.status(result.alreadyFulfilled() ? 200 : 201).entity(FulfilView.of(result)).build();
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "pending/approved → cancelled; unused codes revoked, used ones reported")
    public CloseView cancel(@PathParam("slug") String slug, @PathParam("id") String id) {
        Conference conference = access.require(slug, Permission.CHANGE_BULK_PURCHASES);
        return CloseView.of(purchases.cancel(conference, id(id), access.actor()));
    }

    @POST
    @Path("{id}/refund")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "paid → refunded; unused codes revoked, used ones reported")
    public CloseView refund(@PathParam("slug") String slug, @PathParam("id") String id) {
        Conference conference = access.require(slug, Permission.CHANGE_BULK_PURCHASES);
        return CloseView.of(purchases.refund(conference, id(id), access.actor()));
    }

    @GET
    @Path("{id}/vouchers.csv")
    @Produces("text/csv")
    @Operation(summary = "The codes as CSV for the sponsor")
    public Response export(@PathParam("slug") String slug, @PathParam("id") String id) {
        Conference conference = access.require(slug, Permission.VIEW_BULK_PURCHASES);
        PurchaseDetails details = purchases.vouchers(conference, id(id));
        BulkPurchase p = details.purchase();
        String validFrom = p.validFrom == null ? "" : p.validFrom.toString();
        String validUntil = p.validUntil == null ? "" : p.validUntil.toString();
        StringBuilder csv = new StringBuilder(64 + details.vouchers().size() * 80)
                .append("code,max_uses,times_used,active,valid_from,valid_until\r\n");
        for (BulkVoucher v : details.vouchers()) {
            // codes are A–Z, 0–9 and hyphens and timestamps ISO-8601: nothing needs quoting
            csv.append(v.code).append(',').append(v.maxUses).append(',').append(v.timesUsed).append(',')
                    .append(v.active).append(',').append(validFrom).append(',').append(validUntil).append("\r\n");
        }
        return Response.ok(csv.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"bulk-purchase-" + p.id + "-vouchers.csv\"")
                .build();
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw Rejection.notFound("Bulk purchase not found").with("id", id);
        }
    }

    private static String base(String slug) {
        return "/api/conferences/" + slug + "/bulk-purchases";
    }
}
