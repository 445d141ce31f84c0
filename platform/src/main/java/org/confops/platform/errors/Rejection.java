package org.confops.platform.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the platform refuses, with the django-program-compatible error body: {@code error} plus details
 * such as {@code access_code}. {@link ErrorMappers} turns the kind into a status code; nothing is changed.
 */
public final class Rejection extends RuntimeException {

    public enum Kind {
        INVALID(400), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), UNPROCESSABLE(422), TOO_MANY_REQUESTS(429);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final Map<String, Object> details = new LinkedHashMap<>();
    private String reason;
    private java.time.Duration retryAfter;

    private Rejection(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public static Rejection invalid(String message) {
        return new Rejection(Kind.INVALID, message);
    }

    public static Rejection forbidden(String message) {
        return new Rejection(Kind.FORBIDDEN, message);
    }

    public static Rejection notFound(String message) {
        return new Rejection(Kind.NOT_FOUND, message);
    }

    public static Rejection conflict(String message) {
        return new Rejection(Kind.CONFLICT, message);
    }

    /** Well-formed but not acceptable (unknown product, unusable voucher): 422 naming the field. */
    public static Rejection unprocessable(String field, String message) {
        return new Rejection(Kind.UNPROCESSABLE, message).with("field", field);
    }

    /**
     * The server sheds load: 429 with {@code Retry-After} (whole seconds, at least 1) and {@code retry_after} in
     * the body, so a client backs off instead of piling on.
     */
    public static Rejection tooBusy(String message, java.time.Duration retryAfter) {
        Rejection rejection = new Rejection(Kind.TOO_MANY_REQUESTS, message);
        rejection.retryAfter = retryAfter;
        return rejection.with("retry_after", rejection.retryAfterSeconds());
    }

    /** Seconds to wait before retrying (for a 429), or null. */
    public Long retryAfterSeconds() {
        return retryAfter == null ? null : Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** Adds a detail field to the error body (null values are kept: django-program sends them too). */
    public Rejection with(String field, Object value) {
        details.put(field, value);
        return this;
    }

    /** Names the refusal for machines (a scanner's offline upload answers it); not part of the HTTP body. */
    public Rejection because(String reason) {
        this.reason = reason;
        return this;
    }

    public Kind kind() {
        return kind;
    }

    /** The machine-readable reason, or null when none was given. */
    public String reason() {
        return reason;
    }

    /** The error body: {@code {"error": message, ...details}}. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", getMessage());
        body.putAll(details);
        return body;
    }
}
