package org.confops.observability;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Traces are on exactly where somewhere to send them is configured: an OTLP endpoint given as a Quarkus property
 * (system property or {@code QUARKUS_OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT}) or the OpenTelemetry standard
 * {@code OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT}, which is passed on to Quarkus. Without one the SDK stays off, so a
 * service never retries exporting to a collector that does not exist. An explicit
 * {@code quarkus.otel.sdk.disabled} (in a service's properties or the environment) still decides.
 */
public class TracingSwitch implements ConfigSource {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";

    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;

    public TracingSwitch() {
        this(System::getProperty, System::getenv);
    }

    TracingSwitch(Function<String, String> systemProperties, Function<String, String> environment) {
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    @Override
    public String getValue(String name) {
        return switch (name) {
            case SDK_DISABLED -> String.valueOf(endpoint().isEmpty());
            case ENDPOINT -> environment.apply("OTEL_EXPORTER_OTLP_ENDPOINT");
            case TRACES_ENDPOINT -> environment.apply("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
            default -> null;
        };
    }

    Optional<String> endpoint() {
        for (String property : new String[] { ENDPOINT, TRACES_ENDPOINT }) {
            String value = systemProperties.apply(property);
            if (value == null) {
                value = environment.apply(property.toUpperCase().replace('.', '_'));
            }
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        for (String variable : new String[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" }) {
            String value = environment.apply(variable);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(SDK_DISABLED);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(SDK_DISABLED, getValue(SDK_DISABLED));
    }

    /** Above the libraries' defaults (100), below a service's application.properties (250) and the environment. */
    @Override
    public int getOrdinal() {
        return 200;
    }

    @Override
    public String getName() {
        return "confops-tracing-switch";
    }
}
