package io.selfheal.runtime.config;

import java.time.Duration;

/**
 * {@code circuit-breaker.slow-call}: a call that takes longer than {@code threshold} is slow; when
 * slow calls make up at least {@code rate} of the window (and {@code minimum-calls} were seen) the
 * circuit opens, as it does for failures.
 */
public record SlowCallConfig(Duration threshold, double rate) {

    static SlowCallConfig read(Section s) {
        Duration threshold = s.duration("threshold", null);
        if (threshold == null && s.isPresent() && !s.has("threshold")) {
            s.problem("threshold", "is required (for example threshold: 2s)");
        }
        double rate = s.number("rate", 1.0, 0.0, 1.0);
        s.rejectUnknownKeys("key");
        if (threshold != null && threshold.isZero()) {
            s.problem("threshold", "must be more than 0");
        }
        return threshold == null ? null : new SlowCallConfig(threshold, rate);
    }
}
