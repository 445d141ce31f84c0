package org.confops.platform.testapp;

import java.sql.SQLTransientConnectionException;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.confops.platform.errors.Rejection;
import org.confops.platform.outbox.Outbox;
import org.confops.platform.paging.Paging;
import org.confops.platform.security.ConferencePermissions;
import org.confops.platform.security.Permission;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;

/** Endpoints that exercise the library's error model, permission check and outbox. */
@Path("/test")
public class TestResource {

    @Inject
    ConferencePermissions permissions;

    @Inject
    Outbox outbox;

    @GET
    @Path("/refused")
    public Map<String, Object> refused() {
        throw Rejection.notFound("Conference not found").with("conference", "nope");
    }

    @GET
    @Path("/database-away")
    public Map<String, Object> databaseAway() {
        throw new IllegalStateException("query failed",
                new SQLTransientConnectionException("Connection refused", "08001"));
    }

    @GET
    @Path("/refused-by-database")
    public Map<String, Object> refusedByDatabase() {
        throw new IllegalStateException("could not execute statement",
                new java.sql.SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
    }

    public record Reference(String reference, Long amount) {
    }

    @POST
    @Path("/reference")
    public Map<String, Object> reference(Reference body) {
        return Map.of("reference", body.reference());
    }

    @POST
    @Path("/echo")
    public Map<String, Object> echo(String body) {
        return Map.of("length", body == null ? 0 : body.length());
    }

    @GET
    @Path("/bug")
    public Map<String, Object> bug() {
        throw new NullPointerException("a bug with secrets in its message");
    }

    @GET
    @Path("/page")
    public Map<String, Object> page(@QueryParam("page") String page, @QueryParam("page_size") String size) {
        Paging paging = Paging.of(page, size);
        return Map.of("page", paging.page(), "size", paging.size(), "offset", paging.offset());
    }

    @GET
    @Authenticated
    @Path("/conferences/{slug}/{permission}")
    public Map<String, Object> allowed(@PathParam("slug") String slug, @PathParam("permission") String permission) {
        permissions.require(slug, Permission.valueOf(permission));
        return Map.of("actor", permissions.actor().name());
    }

    /** Writes {@code count} ledger events through the outbox in one transaction (or fails after writing them). */
    @POST
    @Path("/outbox/{account}/{count}")
    public Map<String, Object> write(@PathParam("account") String account, @PathParam("count") int count,
            @QueryParam("fail") boolean fail) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                outbox.add("ledger", account, "ledger.entry", "entry-" + i, new LedgerEntry(account, "e" + i, 1));
            }
            if (fail) {
                throw Rejection.conflict("rolled back on purpose");
            }
        });
        return Map.of("written", count);
    }
}
