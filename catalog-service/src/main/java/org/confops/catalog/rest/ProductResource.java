package org.confops.catalog.rest;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.confops.catalog.domain.Conference;
import org.confops.catalog.domain.Product;
import org.confops.catalog.domain.ProductKind;
import org.confops.catalog.rest.CatalogViews.ProductView;
import org.confops.platform.security.ConferenceAccess;
import org.confops.platform.security.Permission;
import org.confops.catalog.service.ProductDetails;
import org.confops.catalog.service.ProductService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

/** Ticket types ({@code …/ticket-types}) and add-ons ({@code …/addons}): one shape, one set of rules. */
@Path("/api/conferences/{slug}/{kind: ticket-types|addons}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
@Tag(name = "ticket types and add-ons")
public class ProductResource {

    @Inject
    ConferenceAccess access;

    @Inject
    ProductService products;

    private static ProductKind kind(String path) {
        return "addons".equals(path) ? ProductKind.ADDON : ProductKind.TICKET_TYPE;
    }

    @GET
    public List<ProductView> list(@PathParam("slug") String slug, @PathParam("kind") String kind) {
        Conference conference = access.requireAny(slug);
        return products.list(conference, kind(kind)).stream().map(ProductView::of).toList();
    }

    @POST
    @Operation(summary = "Create (manage_catalog)")
    public Response create(@PathParam("slug") String slug, @PathParam("kind") String kind,
            @Valid @NotNull ProductDetails details) {
        Conference conference = access.require(slug, Permission.MANAGE_CATALOG);
        Product product = products.create(conference, kind(kind), details);
        return Response.created(URI.create("/api/conferences/" + slug + "/" + kind + "/" + product.slug))
                .entity(ProductView.of(product)).build();
    }

    @GET
    @Path("{product}")
    public ProductView get(@PathParam("slug") String slug, @PathParam("kind") String kind,
            @PathParam("product") String product) {
        return ProductView.of(products.get(access.requireAny(slug), kind(kind), product));
    }

    @PUT
    @Path("{product}")
    @Operation(summary = "Replace (manage_catalog)")
    public ProductView update(@PathParam("slug") String slug, @PathParam("kind") String kind,
            @PathParam("product") String product, @Valid @NotNull ProductDetails details) {
        Conference conference = access.require(slug, Permission.MANAGE_CATALOG);
        return ProductView.of(products.update(conference, kind(kind), product, details));
    }

    @DELETE
    @Path("{product}")
    @Operation(summary = "Delete one nobody ordered (manage_catalog); 409 otherwise")
    public Response delete(@PathParam("slug") String slug, @PathParam("kind") String kind,
            @PathParam("product") String product) {
        products.delete(access.require(slug, Permission.MANAGE_CATALOG), kind(kind), product);
        return Response.noContent().build();
    }
}
