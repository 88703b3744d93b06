package io.selfheal.runtime.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code drills:}: whether fault-injection drills may run in this JVM, and their caps. Off by
 * default: every drill request is refused, with the reason.
 */
public record DrillsConfig(boolean enabled, double maxRate, Duration maxDuration) {

    public static final DrillsConfig DEFAULT = new DrillsConfig(false, 0.1, Duration.ofMinutes(1));

    @ConfigKey.Doc("true: drills may inject faults into woven methods (false: every drill is refused)")
    static final ConfigKey ENABLED = ConfigKey.bool("enabled", DEFAULT.enabled());
    @ConfigKey.Doc("the highest fraction of a target's calls a drill may touch; a higher --rate is capped")
    static final ConfigKey MAX_RATE = ConfigKey.number("max-rate", DEFAULT.maxRate(), 0, 1);
    @ConfigKey.Doc("the longest a drill runs; a longer --for is capped")
    static final ConfigKey MAX_DURATION = ConfigKey.duration("max-duration", DEFAULT.maxDuration());
    static final List<ConfigKey> KEYS = List.of(ENABLED, MAX_RATE, MAX_DURATION);

    static DrillsConfig read(Section s) {
        boolean enabled = s.bool(ENABLED);
        double maxRate = s.number(MAX_RATE);
        Duration maxDuration = s.duration(MAX_DURATION);
        if (maxDuration.toMillis() < 1) {
            s.problem(MAX_DURATION, "must be at least 1ms, found " + Durations.format(maxDuration));
            maxDuration = DEFAULT.maxDuration();
        }
        s.rejectUnknownKeys("key", KEYS);
        return new DrillsConfig(enabled, maxRate, maxDuration);
    }
}
