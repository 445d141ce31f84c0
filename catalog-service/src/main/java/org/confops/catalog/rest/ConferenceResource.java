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

import org.confops.catalog.domain.Conference;
import org.confops.catalog.rest.CatalogViews.ConferenceView;
import org.confops.platform.security.ConferenceAccess;
import org.confops.platform.security.Permission;
import org.confops.catalog.service.ConferenceDetails;
import org.confops.catalog.service.ConferenceService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

@Path("/api/conferences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
@Tag(name = "conferences")
public class ConferenceResource {

    @Inject
    ConferenceAccess access;

    @Inject
    ConferenceService conferences;

    @GET
    @Operation(summary = "Conferences the caller holds any permission on (all, for a superuser)")
    public List<ConferenceView> list() {
        return conferences.list().stream().filter(c -> access.mayView(c.slug)).map(ConferenceView::of).toList();
    }

    @POST
    @Operation(summary = "Create a conference (superuser)")
    public Response create(@Valid @NotNull ConferenceDetails details) {
        access.requireSuperuser();
        Conference conference = conferences.create(details);
        return Response.created(URI.create("/api/conferences/" + conference.slug))
                .entity(ConferenceView.of(conference)).build();
    }

    @GET
    @Path("{slug}")
    public ConferenceView get(@PathParam("slug") String slug) {
        return ConferenceView.of(access.requireAny(slug));
    }

    @PUT
    @Path("{slug}")
    @Operation(summary = "Replace name, dates and time zone (manage_catalog); the slug cannot change")
    public ConferenceView update(@PathParam("slug") String slug, @Valid @NotNull ConferenceDetails details) {
        Conference conference = access.require(slug, Permission.MANAGE_CATALOG);
        return ConferenceView.of(conferences.update(conference, details));
    }
}
