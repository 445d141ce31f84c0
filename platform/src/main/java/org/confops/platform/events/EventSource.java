package org.confops.platform.events;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** This service's CloudEvents {@code source}: {@code /} and the application's name (e.g. {@code /catalog-service}). */
@ApplicationScoped
public class EventSource {

    private final URI uri;

    EventSource(@ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.uri = URI.create("/" + applicationName);
    }

    public URI uri() {
        return uri;
    }

    /** Whether an event came from this service (read back from a topic it also consumes). */
    public boolean isOwn(CloudEvent event) {
        return uri.toString().equals(event.source());
    }
}
