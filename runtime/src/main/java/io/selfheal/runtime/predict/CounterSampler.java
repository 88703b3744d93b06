package io.selfheal.runtime.predict;

import java.util.function.LongSupplier;

/**
 * Turns a target's ever-growing counters into one {@link IntervalSample} per tick: the
 * difference since the previous tick. The first tick only takes the baseline.
 */
public final class CounterSampler {
    private final LongSupplier calls;
    private final LongSupplier failures;
    private final LongSupplier timeouts;
    private long lastCalls = -1;
    private long lastFailures;
    private long lastTimeouts;
    private long lastMillis;

    public CounterSampler(LongSupplier calls, LongSupplier failures, LongSupplier timeouts) {
        this.calls = calls;
        this.failures = failures;
        this.timeouts = timeouts;
    }

    /** The interval since the previous call, or {@code null} on the first call (baseline only). */
    public IntervalSample sample(long nowMillis) {
        long c = calls.getAsLong();
        long f = failures.getAsLong();
        long t = timeouts.getAsLong();
        IntervalSample s = null;
        if (lastCalls >= 0) {
            s = new IntervalSample(Math.max(0, c - lastCalls), Math.max(0, f - lastFailures),
                    Math.max(0, t - lastTimeouts), Math.max(1, nowMillis - lastMillis));
        }
        lastCalls = c;
        lastFailures = f;
        lastTimeouts = t;
        lastMillis = nowMillis;
        return s;
    }
}
