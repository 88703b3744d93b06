package io.selfheal.runtime.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code circuit-breaker.slow-call}: a call that takes longer than {@code threshold} is slow; when
 * slow calls make up at least {@code rate} of the window (and {@code minimum-calls} were seen) the
 * circuit opens, as it does for failures.
 */
public record SlowCallConfig(Duration threshold, double rate) {

    @ConfigKey.Doc("a call longer than this is slow; more than 0")
    static final ConfigKey THRESHOLD = ConfigKey.duration("threshold", null).required();
    @ConfigKey.Doc("the circuit opens when slow calls are this share of the window (with minimum-calls)")
    static final ConfigKey RATE = ConfigKey.number("rate", 1.0, 0.0, 1.0);
    static final List<ConfigKey> KEYS = List.of(THRESHOLD, RATE);

    static SlowCallConfig read(Section s) {
        Duration threshold = s.duration(THRESHOLD);
        if (threshold == null && s.isPresent() && !s.has(THRESHOLD)) {
            s.problem(THRESHOLD, "is required (for example threshold: 2s)");
        }
        double rate = s.number(RATE);
        s.rejectUnknownKeys("key", KEYS);
        if (threshold != null && threshold.isZero()) {
            s.problem(THRESHOLD, "must be more than 0");
        }
        return threshold == null ? null : new SlowCallConfig(threshold, rate);
    }
}
