package io.selfheal.runtime.config;

import java.time.Duration;

/**
 * {@code health:}. The error rate over {@code window} (failed runs of a body / runs) gives the
 * health: below {@code degraded} HEALTHY, then DEGRADED, UNHEALTHY from {@code unhealthy}, and
 * CRITICAL above {@code critical} (or whenever the circuit is open).
 */
public record HealthConfig(Duration window, double degraded, double unhealthy, double critical) {

    public static final HealthConfig DEFAULT = new HealthConfig(Duration.ofMinutes(1), 0.05, 0.20, 0.50);

    static HealthConfig read(Section s) {
        Duration window = s.duration("window", DEFAULT.window());
        if (window.toMillis() < 100) {
            s.problem("window", "must be at least 100ms, found " + Durations.format(window));
            window = DEFAULT.window();
        }
        Section t = s.section("thresholds");
        double degraded = t.number("degraded", DEFAULT.degraded(), 0, 1);
        double unhealthy = t.number("unhealthy", DEFAULT.unhealthy(), 0, 1);
        double critical = t.number("critical", DEFAULT.critical(), 0, 1);
        if (!(degraded <= unhealthy && unhealthy <= critical)) {
            t.problem("degraded", "thresholds must rise: degraded <= unhealthy <= critical, found "
                    + degraded + ", " + unhealthy + ", " + critical);
        }
        t.rejectUnknownKeys("threshold");
        s.rejectUnknownKeys("key");
        return new HealthConfig(window, degraded, unhealthy, critical);
    }
}
