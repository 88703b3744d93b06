package io.selfheal.runtime.config;

import java.time.Duration;
import java.util.List;

/**
 * Exponential backoff: the n-th retry waits {@code initial * multiplier^(n-1)}, capped at
 * {@code max}, then spread by {@code jitter}: a uniform pick in {@code [d*(1-jitter), d*(1+jitter)]},
 * capped at {@code max} again.
 */
public record BackoffConfig(Duration initial, Duration max, double multiplier, double jitter) {

    public static final BackoffConfig DEFAULT =
            new BackoffConfig(Duration.ofMillis(100), Duration.ofSeconds(10), 2.0, 0.2);

    @ConfigKey.Doc("wait before the first retry")
    static final ConfigKey INITIAL = ConfigKey.duration("initial", DEFAULT.initial());
    @ConfigKey.Doc("cap on any wait; not shorter than initial")
    static final ConfigKey MAX = ConfigKey.duration("max", DEFAULT.max());
    @ConfigKey.Doc("each later wait is this many times the one before")
    static final ConfigKey MULTIPLIER = ConfigKey.number("multiplier", DEFAULT.multiplier(), 1.0, 100.0);
    @ConfigKey.Doc("spread: the wait is a uniform pick in [d*(1-jitter), d*(1+jitter)], capped at max")
    static final ConfigKey JITTER = ConfigKey.number("jitter", DEFAULT.jitter(), 0.0, 1.0);
    static final List<ConfigKey> KEYS = List.of(INITIAL, MAX, MULTIPLIER, JITTER);

    static BackoffConfig read(Section s) {
        Duration initial = s.duration(INITIAL);
        Duration max = s.duration(MAX);
        double multiplier = s.number(MULTIPLIER);
        double jitter = s.number(JITTER);
        s.rejectUnknownKeys("key", KEYS);
        if (max.compareTo(initial) < 0) {
            s.problem(MAX, "is shorter than initial (" + Durations.format(initial) + ")");
        }
        return new BackoffConfig(initial, max, multiplier, jitter);
    }
}
