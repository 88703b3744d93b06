package io.selfheal.runtime.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code health:}. The error rate over {@code window} (failed runs of a body / runs) gives the
 * health: below {@code degraded} HEALTHY, then DEGRADED, UNHEALTHY from {@code unhealthy}, and
 * CRITICAL above {@code critical} (or whenever the circuit is open).
 */
public record HealthConfig(Duration window, double degraded, double unhealthy, double critical) {

    public static final HealthConfig DEFAULT = new HealthConfig(Duration.ofMinutes(1), 0.05, 0.20, 0.50);

    @ConfigKey.Doc("the error rate (failed runs of a body / runs) is measured over this; at least 100ms")
    static final ConfigKey WINDOW = ConfigKey.duration("window", DEFAULT.window());
    @ConfigKey.Doc("error rates at which the health drops; they must rise: degraded <= unhealthy <= critical")
    static final ConfigKey THRESHOLDS = ConfigKey.section("thresholds", "HealthConfig.THRESHOLD_KEYS", null);
    static final List<ConfigKey> KEYS = List.of(WINDOW, THRESHOLDS);

    @ConfigKey.Doc("from this error rate on, DEGRADED (HEALTHY below)")
    static final ConfigKey DEGRADED = ConfigKey.number("degraded", DEFAULT.degraded(), 0, 1);
    @ConfigKey.Doc("from this error rate on, UNHEALTHY")
    static final ConfigKey UNHEALTHY = ConfigKey.number("unhealthy", DEFAULT.unhealthy(), 0, 1);
    @ConfigKey.Doc("above this error rate, CRITICAL (as whenever the circuit is open)")
    static final ConfigKey CRITICAL = ConfigKey.number("critical", DEFAULT.critical(), 0, 1);
    static final List<ConfigKey> THRESHOLD_KEYS = List.of(DEGRADED, UNHEALTHY, CRITICAL);

    static HealthConfig read(Section s) {
        Duration window = s.duration(WINDOW);
        if (window.toMillis() < 100) {
            s.problem(WINDOW, "must be at least 100ms, found " + Durations.format(window));
            window = DEFAULT.window();
        }
        Section t = s.section(THRESHOLDS);
        double degraded = t.number(DEGRADED);
        double unhealthy = t.number(UNHEALTHY);
        double critical = t.number(CRITICAL);
        if (!(degraded <= unhealthy && unhealthy <= critical)) {
            t.problem(DEGRADED, "thresholds must rise: degraded <= unhealthy <= critical, found "
                    + degraded + ", " + unhealthy + ", " + critical);
        }
        t.rejectUnknownKeys("threshold", THRESHOLD_KEYS);
        s.rejectUnknownKeys("key", KEYS);
        return new HealthConfig(window, degraded, unhealthy, critical);
    }
}
