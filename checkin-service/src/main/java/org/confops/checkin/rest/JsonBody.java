package org.confops.checkin.rest;

import java.math.BigInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.confops.platform.errors.Rejection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Request bodies are read by hand rather than bound to records, because the django-program scanner
 * contract distinguishes "not JSON / not an object" from "field missing" from "field of the wrong kind".
 */
@ApplicationScoped
public class JsonBody {

    static final String INVALID_JSON = "Invalid JSON body";

    @Inject
    ObjectMapper mapper;

    /** The body as a JSON object, or a 400 {@code Invalid JSON body}. */
    public JsonNode object(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (Exception e) {
            throw Rejection.invalid(INVALID_JSON);
        }
        if (node == null || !node.isObject()) {
            throw Rejection.invalid(INVALID_JSON);
        }
        return node;
    }

    /** A text field: strings as they are, numbers as their text (django-program str()-s them), else null. */
    public static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        return value.asText();
    }

    /** As {@link #integer}, but null (rather than a 400) for a value that is not an integer. */
    public static Long integerOrNull(JsonNode object, String field) {
        try {
            return integer(object, field);
        } catch (Rejection notAnInteger) {
            return null;
        }
    }

    /**
     * An integer id: a JSON integer or a string of digits (as Python's int() accepts); otherwise a 400.
     * Returns null when the field is absent.
     */
    public static Long integer(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            BigInteger number = value.isIntegralNumber() ? value.bigIntegerValue()
                    : value.isTextual() ? new BigInteger(value.asText().trim()) : null;
            if (number != null && number.bitLength() < 64) {
                return number.longValue();
            }
        } catch (NumberFormatException notAnInteger) {
            // falls through to the 400
        }
        throw Rejection.invalid(field + " must be an integer").with(field, value);
    }
}
