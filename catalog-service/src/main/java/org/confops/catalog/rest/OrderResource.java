package org.confops.catalog.rest;

import org.confops.platform.paging.Paging;
import java.net.URI;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.confops.catalog.domain.Conference;
import org.confops.catalog.rest.CatalogViews.AttendeeView;
import org.confops.catalog.rest.CatalogViews.OrderView;
import org.confops.catalog.rest.CatalogViews.PageView;
import org.confops.platform.security.ConferenceAccess;
import org.confops.platform.security.Permission;
import org.confops.catalog.service.AttendeeService;
import org.confops.catalog.service.ReissueRequest;
import org.confops.catalog.rest.CatalogViews.ReissuedView;
import org.confops.catalog.service.OrderDetails;
import org.confops.catalog.service.OrderRequest;
import org.confops.catalog.service.OrderService;
import org.confops.catalog.service.PaymentRequest;
import org.confops.catalog.service.RefundRequest;
import org.confops.platform.errors.Rejection;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

/** Orders and their attendees (manage_catalog). */
@Path("/api/conferences/{slug}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
@Tag(name = "orders")
public class OrderResource {

    private static final java.util.Set<String> STATUSES =
            java.util.Set.of("pending", "paid", "partially_refunded", "refunded", "cancelled");

    @Inject
    ConferenceAccess access;

    @Inject
    OrderService orders;

    @Inject
    AttendeeService attendees;

    private Conference conference(String slug) {
        return access.require(slug, Permission.MANAGE_CATALOG);
    }

    @POST
    @Path("orders")
    @Operation(summary = "Place an order for one attendee, optionally with a voucher code")
    public Response place(@PathParam("slug") String slug, @Valid @NotNull OrderRequest request) {
        OrderDetails placed = orders.place(conference(slug), request);
        return Response.created(URI.create("/api/conferences/" + slug + "/orders/" + placed.order().id))
                .entity(OrderView.of(placed)).build();
    }

    @GET
    @Path("orders")
    @Operation(summary = "Orders, newest first, 50 a page; ?status= filters; ?q= finds the attendee's name or "
            + "e-mail (contains, any case) or access code (exact)")
    public PageView<OrderView> list(@PathParam("slug") String slug, @QueryParam("status") String status,
            @QueryParam("q") String q, @QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        Conference conference = conference(slug);
        if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
            throw Rejection.invalid("status must be one of " + String.join(", ", new java.util.TreeSet<>(STATUSES)))
                    .with("field", "status");
        }
        Paging paging = Paging.of(page, pageSize);
        if (q != null && q.strip().length() > 200) {
            throw Rejection.invalid("q must be at most 200 characters").with("field", "q");
        }
        String search = q == null || q.isBlank() ? null : q.strip();
        return PageView.of(orders.list(conference, status == null || status.isBlank() ? null : status, search,
                paging.page(), paging.size()).map(OrderView::of));
    }

    @GET
    @Path("orders/{id}")
    public OrderView get(@PathParam("slug") String slug, @PathParam("id") long id) {
        return OrderView.of(orders.get(conference(slug), id));
    }

    @POST
    @Path("orders/{id}/payments")
    @Operation(summary = "Record a payment (pending → paid); repeating a payment reference changes nothing (200)")
    public Response pay(@PathParam("slug") String slug, @PathParam("id") long id,
            @Valid @NotNull PaymentRequest request) {
        OrderDetails paid = orders.recordPayment(conference(slug), id, request, access.actor());
        return Response.status(paid.duplicate() ? 200 : 201).entity(OrderView.of(paid)).build();
    }

    @POST
    @Path("orders/{id}/refunds")
    @Operation(summary = "Refund part (→ partially_refunded) or all (→ refunded) of a paid order")
    public OrderView refund(@PathParam("slug") String slug, @PathParam("id") long id,
            @Valid RefundRequest request) {
        return OrderView.of(orders.refund(conference(slug), id,
                request == null ? new RefundRequest(null, null) : request, access.actor()));
    }

    @POST
    @Path("orders/{id}/cancel")
    @Operation(summary = "Cancel a pending order")
    public OrderView cancel(@PathParam("slug") String slug, @PathParam("id") long id) {
        return OrderView.of(orders.cancel(conference(slug), id));
    }

    @POST
    @Path("attendees/{id}/reissue")
    @Operation(summary = "Reissue a lost badge under a new access code; the old code and its signed badges stop admitting")
    public ReissuedView reissue(@PathParam("slug") String slug, @PathParam("id") long id,
            @Valid ReissueRequest request) {
        return ReissuedView.of(attendees.reissue(conference(slug), id, request, access.actor()));
    }

    @GET
    @Path("attendees")
    @Operation(summary = "Attendees with their access codes, 50 a page")
    public PageView<AttendeeView> attendees(@PathParam("slug") String slug, @QueryParam("page") String page,
            @QueryParam("page_size") String pageSize) {
        Paging paging = Paging.of(page, pageSize);
        return PageView.of(attendees.list(conference(slug), paging.page(), paging.size()).map(AttendeeView::of));
    }
}
