package org.confops.bulkpurchase.messaging;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads an event's JSON data into its record with the platform's (snake_case) mapper, and validates it. */
@ApplicationScoped
public class EventData {

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    public <T> T read(InboundEvent event, Class<T> type) {
        T data;
        try {
            data = mapper.readValue(event.data(), type);
        } catch (Exception e) {
            throw new MalformedEventException(e.getMessage(), e);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(data);
        if (!violations.isEmpty()) {
            throw new MalformedEventException(violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .collect(Collectors.joining(", ")), null);
        }
        return data;
    }
}
