package io.selfheal.runtime.config;

import java.util.List;

/**
 * {@code observability:}, healing shown in the application's own observability tools. Flight
 * recorder events and Micrometer meters cost nothing unless a recording or Micrometer is there;
 * OpenTelemetry (span events, attributes and metrics through the application's own
 * OpenTelemetry or the OpenTelemetry Java agent) can be turned off.
 */
public record ObservabilityConfig(boolean openTelemetry) {
    public static final ObservabilityConfig DEFAULT = new ObservabilityConfig(true);

    @ConfigKey.Doc("false: add no span events or attributes and publish no metrics through OpenTelemetry")
    static final ConfigKey OPENTELEMETRY = ConfigKey.bool("opentelemetry", true);
    static final List<ConfigKey> KEYS = List.of(OPENTELEMETRY);

    static ObservabilityConfig read(Section s) {
        boolean openTelemetry = s.bool(OPENTELEMETRY);
        s.rejectUnknownKeys("key", KEYS);
        return new ObservabilityConfig(openTelemetry);
    }
}
