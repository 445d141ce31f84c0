package org.confops.catalog.rest;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.confops.catalog.domain.Sponsor;
import org.confops.catalog.rest.CatalogViews.SponsorView;
import org.confops.platform.security.ConferenceAccess;
import org.confops.platform.security.Permission;
import org.confops.catalog.service.SponsorDetails;
import org.confops.catalog.service.SponsorService;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

@Path("/api/conferences/{slug}/sponsors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
@Tag(name = "sponsors")
public class SponsorResource {

    @Inject
    ConferenceAccess access;

    @Inject
    SponsorService sponsors;

    @GET
    public List<SponsorView> list(@PathParam("slug") String slug) {
        return sponsors.list(access.requireAny(slug)).stream().map(SponsorView::of).toList();
    }

    @POST
    public Response create(@PathParam("slug") String slug, @Valid @NotNull SponsorDetails details) {
        Sponsor sponsor = sponsors.create(access.require(slug, Permission.MANAGE_CATALOG), details);
        return Response.created(URI.create("/api/conferences/" + slug + "/sponsors/" + sponsor.slug))
                .entity(SponsorView.of(sponsor)).build();
    }

    @GET
    @Path("{sponsor}")
    public SponsorView get(@PathParam("slug") String slug, @PathParam("sponsor") String sponsor) {
        return SponsorView.of(sponsors.get(access.requireAny(slug), sponsor));
    }

    @PUT
    @Path("{sponsor}")
    public SponsorView update(@PathParam("slug") String slug, @PathParam("sponsor") String sponsor,
            @Valid @NotNull SponsorDetails details) {
        return SponsorView.of(sponsors.update(access.require(slug, Permission.MANAGE_CATALOG), sponsor, details));
    }
}
