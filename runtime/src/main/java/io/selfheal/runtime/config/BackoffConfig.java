package io.selfheal.runtime.config;

import java.time.Duration;

/**
 * Exponential backoff: the n-th retry waits {@code initial * multiplier^(n-1)}, capped at
 * {@code max}, then spread by {@code jitter}: a uniform pick in {@code [d*(1-jitter), d*(1+jitter)]},
 * capped at {@code max} again.
 */
public record BackoffConfig(Duration initial, Duration max, double multiplier, double jitter) {

    public static final BackoffConfig DEFAULT =
            new BackoffConfig(Duration.ofMillis(100), Duration.ofSeconds(10), 2.0, 0.2);

    static BackoffConfig read(Section s) {
        Duration initial = s.duration("initial", DEFAULT.initial());
        Duration max = s.duration("max", DEFAULT.max());
        double multiplier = s.number("multiplier", DEFAULT.multiplier(), 1.0, 100.0);
        double jitter = s.number("jitter", DEFAULT.jitter(), 0.0, 1.0);
        s.rejectUnknownKeys("key");
        if (max.compareTo(initial) < 0) {
            s.problem("max", "is shorter than initial (" + Durations.format(initial) + ")");
        }
        return new BackoffConfig(initial, max, multiplier, jitter);
    }
}
