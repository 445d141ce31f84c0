package org.confops.platform.errors;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error leaves a service as {@code {"error": "…", …}}; nothing else, and never a stack trace. */
public class ErrorMappers {

    /** Seconds a client should wait before retrying while the database is unreachable. */
    static final String RETRY_AFTER_SECONDS = "1";

    @ServerExceptionMapper
    public Response rejection(Rejection rejection) {
        if (rejection.retryAfterSeconds() != null) {
            return Response.status(rejection.kind().status()).type(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(rejection.retryAfterSeconds()))
                    .entity(rejection.body()).build();
        }
        return json(rejection.kind().status(), rejection.body());
    }

    /** Bean Validation: 400 naming each bad field (snake_case, as on the wire). */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        Map<String, String> fields = new TreeMap<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            fields.merge(fieldName(violation.getPropertyPath()), violation.getMessage(), (a, b) -> a + "; " + b);
        }
        if (fields.containsKey("")) {
            return json(400, Map.of("error", "Request body is required"));
        }
        return json(400, Map.of("error", "Validation failed", "fields", fields));
    }

    /** A value of the wrong kind (text for a number, a bad date): 400 naming the field. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        if (e.getPath().isEmpty()) {
            return json(400, Map.of("error", "Invalid JSON body"));
        }
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
        return json(400, Map.of("error", "Invalid value", "field", field));
    }

    /** Malformed JSON. */
    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch) {
            return mismatched(mismatch);
        }
        return json(400, Map.of("error", "Invalid JSON body"));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated() {
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "Authentication required"))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, Map.of("error", "You do not have permission for this conference"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadable(unreadable);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.error("Request failed", e);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return json(status, Map.of("error", reason == null || reason.isBlank() ? "Request failed" : reason));
    }

    /** The database restarting or unreachable is a moment, not a bug: 503 with Retry-After, never a 500. */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (TransientFailures.isTransient(e)) {
            Log.warnf("Service unavailable for a moment: %s", e.getMessage());
            return Response.status(503).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "Service temporarily unavailable, please retry")).build();
        }
        if (refusedData(e)) {
            // text with NUL, a value past its column: the database refused the input, not the code
            Log.debugf("Input refused by the database: %s", e.getMessage());
            return json(400, Map.of("error", "Invalid value"));
        }
        Log.error("Unexpected failure", e);
        return json(500, Map.of("error", "Internal server error"));
    }

    /** PostgreSQL's class 22, "data exception": a value the database cannot store as given. */
    static boolean refusedData(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    /** {@code create.details.startDate} → {@code start_date}: drops the method and parameter names. */
    private static String fieldName(Path path) {
        String[] parts = path.toString().split("\\.", 3);
        String field = parts.length == 3 ? parts[2] : "";
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static Response json(int status, Map<String, ?> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
