package io.selfheal.runtime.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code rate-limit:}: a token bucket per target. {@code permits} runs of the body per {@code per},
 * spread evenly (one every {@code per / permits}); a target that was quiet may run {@code burst}
 * more at once; a call may wait up to {@code wait} for its permit, else it is refused (fallback
 * chain, or {@code RateLimitedException}).
 */
public record RateLimitConfig(int permits, Duration per, int burst, Duration waitFor) {

    @ConfigKey.Doc("runs of the body let in per 'per', spread evenly; required")
    static final ConfigKey PERMITS = ConfigKey.integer("permits", 0, 1, 1_000_000_000).required();
    @ConfigKey.Doc("the period the permits are counted over; more than 0")
    static final ConfigKey PER = ConfigKey.duration("per", Duration.ofSeconds(1));
    @ConfigKey.Doc("extra permits a quiet target may spend at once, beyond the steady rate")
    static final ConfigKey BURST = ConfigKey.integer("burst", 0, 0, 1_000_000_000);
    @ConfigKey.Doc("up to how long a call may wait for a permit before it is refused; 0: never waits")
    static final ConfigKey WAIT = ConfigKey.duration("wait", Duration.ZERO);
    static final List<ConfigKey> KEYS = List.of(PERMITS, PER, BURST, WAIT);

    static RateLimitConfig read(Section s) {
        int permits = s.integer(PERMITS);
        Duration per = s.duration(PER);
        int burst = s.integer(BURST);
        Duration wait = s.duration(WAIT);
        s.rejectUnknownKeys("key", KEYS);
        if (s.isPresent() && !s.has(PERMITS)) {
            s.problem(PERMITS, "is required (runs of the body per 'per', for example permits: 100)");
        }
        if (per.isZero()) {
            s.problem(PER, "must be more than 0");
            per = Duration.ofSeconds(1);
        } else if (per.toNanos() / Math.max(1, permits) == 0) {
            s.problem(PER, "is shorter than one nanosecond per permit (" + permits + " permits per " + Durations.format(per)
                    + ")");
            per = Duration.ofSeconds(1);
        }
        return new RateLimitConfig(Math.max(1, permits), per, burst, wait);
    }

    /** Nanoseconds between two permits at the steady rate, rounded up so the rate is never exceeded. */
    public long intervalNanos() {
        long per = this.per.toNanos();
        return (per + permits - 1) / permits;
    }
}
