package org.confops.platform.errors;

import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * For request bodies bound to records: a number or a boolean where a field is text is a wrong type (400 naming
 * the field), not text — Jackson would otherwise turn {@code "reference": 9223372460629604496} into a payment
 * reference; likewise a fraction where a field is a whole number. Only REST uses this copy of the mapper: event
 * payloads (the inbox) and bodies read by hand as a tree (checkin's django-program-compatible API, which takes
 * numbers as text on purpose) are not affected.
 */
@Provider
public class StrictJsonTypes implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    @Inject
    public StrictJsonTypes(ObjectMapper mapper) {
        strict = mapper.copy();
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // {"quantity": 1.5} is a wrong type too, not a quantity of 1
        strict.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
