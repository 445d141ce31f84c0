package org.confops.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TracingSwitchTest {

    @Test
    void tracesStayOffWithoutAnEndpoint() {
        TracingSwitch tracing = new TracingSwitch(name -> null, name -> null);

        assertThat(tracing.getValue(TracingSwitch.SDK_DISABLED)).isEqualTo("true");
        assertThat(tracing.getValue(TracingSwitch.ENDPOINT)).isNull();
    }

    @Test
    void aBlankEndpointIsNoEndpoint() {
        TracingSwitch tracing = new TracingSwitch(name -> null,
                Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", " ")::get);

        assertThat(tracing.getValue(TracingSwitch.SDK_DISABLED)).isEqualTo("true");
    }

    @Test
    void aQuarkusEndpointInTheEnvironmentTurnsTracesOn() {
        TracingSwitch tracing = new TracingSwitch(name -> null,
                Map.of("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318")::get);

        assertThat(tracing.getValue(TracingSwitch.SDK_DISABLED)).isEqualTo("false");
    }

    @Test
    void aSystemPropertyEndpointTurnsTracesOn() {
        TracingSwitch tracing = new TracingSwitch(
                Map.of(TracingSwitch.ENDPOINT, "http://127.0.0.1:4318")::get, name -> null);

        assertThat(tracing.getValue(TracingSwitch.SDK_DISABLED)).isEqualTo("false");
    }

    @Test
    void theOpenTelemetryStandardVariableIsPassedOnToQuarkus() {
        TracingSwitch tracing = new TracingSwitch(name -> null,
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")::get);

        assertThat(tracing.getValue(TracingSwitch.SDK_DISABLED)).isEqualTo("false");
        assertThat(tracing.getValue(TracingSwitch.ENDPOINT)).isEqualTo("http://collector:4318");
    }

    @Test
    void aServiceOrTheEnvironmentCanStillDecide() {
        TracingSwitch tracing = new TracingSwitch(name -> null, name -> null);

        // application.properties is 250, environment variables 300: both win over the switch.
        assertThat(tracing.getOrdinal()).isBetween(101, 249);
    }
}
