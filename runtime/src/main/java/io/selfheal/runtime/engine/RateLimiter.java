package io.selfheal.runtime.engine;

import java.util.concurrent.TimeUnit;

import io.selfheal.runtime.config.RateLimitConfig;
import io.selfheal.runtime.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One target's token bucket, kept as the time at which the bucket will be full again (the
 * "theoretical arrival time" of the generic cell rate algorithm): one long, moved by CAS, so a
 * permitted call costs a clock read and one successful CAS, takes no lock and allocates nothing.
 *
 * <p>Permits come one every {@code interval} ({@code per / permits}); a quiet target banks up to
 * {@code burst} of them beyond the one due now, so any period of {@code per} lets at most
 * {@code permits + burst} calls in, plus the one whose permit falls due at its very edge.
 */
final class RateLimiter {
    private final Clock clock;
    private final long intervalNanos;
    /** How far ahead of now the bucket may already be spent: {@code burst} intervals. */
    private final long toleranceNanos;
    private final long waitNanos;
    private final RateLimitConfig config;
    /** When the last permit handed out would fall due at the steady rate. */
    private final AtomicLong paidUntil;

    RateLimiter(RateLimitConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.intervalNanos = config.intervalNanos();
        this.toleranceNanos = intervalNanos * config.burst();
        this.waitNanos = config.waitFor().toNanos();
        this.paidUntil = new AtomicLong(clock.nanoTime() - toleranceNanos - intervalNanos);
    }

    RateLimitConfig config() {
        return config;
    }

    /**
     * Takes a permit if one is due within {@code wait}.
     *
     * @return 0 when a permit is due now, the nanoseconds to wait for a permit taken, or -1 when
     *     none is due within {@code wait} (nothing taken)
     */
    long take() {
        long now = clock.nanoTime();
        for (;;) {
            long paid = paidUntil.get();
            long from = paid - now > 0 ? paid : now;
            long ahead = from - now - toleranceNanos;   // how long until this permit is due
            if (ahead > waitNanos) {
                return -1;
            }
            if (paidUntil.compareAndSet(paid, from + intervalNanos)) {
                return ahead > 0 ? ahead : 0;
            }
        }
    }

    /** Gives back a permit taken by a call that a later stage refused, unless time has moved past it. */
    void giveBack() {
        long full = clock.nanoTime() - toleranceNanos - intervalNanos;   // a bucket this far back is full
        for (;;) {
            long paid = paidUntil.get();
            if (paid - full <= 0) {
                return;
            }
            long back = paid - intervalNanos;
            if (paidUntil.compareAndSet(paid, back - full < 0 ? full : back)) {
                return;
            }
        }
    }

    /** Nanoseconds from now until the next permit is due (0 when one is due now). */
    long nanosToNextPermit() {
        long ahead = paidUntil.get() - clock.nanoTime() - toleranceNanos;
        return Math.max(0, ahead);
    }

    /** {@link #nanosToNextPermit} in whole milliseconds, rounded up: what the events and the exception say. */
    long millisToNextPermit() {
        return roundUpToMillis(nanosToNextPermit());
    }

    static long roundUpToMillis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos + 999_999);
    }
}
