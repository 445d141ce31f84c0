package org.confops.platform.errors;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Qualifier;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.resteasy.reactive.jackson.runtime.serialisers.ServerJacksonMessageBodyReader;

/**
 * For request bodies bound to records: a number or a boolean where a field is text is a wrong type (400 naming
 * the field), not text — Jackson would otherwise turn {@code "reference": 9223372460629604496} into a payment
 * reference; likewise a fraction where a field is a whole number. Only REST request bodies are read with this
 * copy of the mapper: event payloads (the inbox) and bodies read by hand as a tree (checkin's
 * django-program-compatible API, which takes numbers as text on purpose) are not affected.
 * <p>
 * It is a body reader, not a {@code ContextResolver<ObjectMapper>}: a resolver makes Quarkus REST write every
 * response with its "fully featured" writer, which looks the resolver up and builds a writer per response (9 % of
 * check-in's CPU samples at the door), although responses need nothing but the default mapper.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class StrictJsonTypes extends ServerJacksonMessageBodyReader {

    /** The REST request bodies' mapper. */
    @Qualifier
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE })
    public @interface Strict {
    }

    /** Used by Arc. */
    public StrictJsonTypes() {
    }

    @Inject
    public StrictJsonTypes(@Strict Instance<ObjectMapper> strict) {
        super(strict);
    }

    /** Makes the strict copy once, from the mapper Quarkus configured (modules, naming, dates). */
    @Singleton
    static class StrictMapper {

        @Produces
        @Singleton
        @Strict
        ObjectMapper strict(ObjectMapper mapper) {
            ObjectMapper strict = mapper.copy();
            strict.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            // {"quantity": 1.5} is a wrong type too, not a quantity of 1
            strict.coercionConfigFor(LogicalType.Integer)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
            return strict;
        }
    }
}
