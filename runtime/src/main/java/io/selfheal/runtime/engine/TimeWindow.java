package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.CircuitBreakerConfig;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A time-based window ({@code window: 10s}) kept in ten buckets, each a tenth of the window: the
 * window slides a tenth at a time. With a count threshold only failures are recorded, so a
 * success costs nothing. With a {@code failure-rate} or {@code slow-call} the window must also
 * count calls: a success then reads the clock (~20 ns) and increments one shared atomic counter of
 * the current bucket; that is the documented price of a time-based rate. When a bucket is reused
 * for a new tenth its counts are cleared with a CAS on its epoch; an increment racing with that
 * clearing may be lost, so counts are approximate at bucket edges.
 */
final class TimeWindow implements FailureWindow {
    private static final int BUCKETS = 10;

    private final long bucketNanos;
    private final int threshold;
    private final double failureRate;
    private final int minimumCalls;
    private final double slowRate;
    private final boolean countsCalls;
    private final AtomicLongArray epochs = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray calls = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray failures = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray slowCalls = new AtomicLongArray(BUCKETS);
    private volatile long resetEpoch = Long.MIN_VALUE;

    TimeWindow(CircuitBreakerConfig c) {
        this.bucketNanos = Math.max(1, c.windowDuration().toNanos() / BUCKETS);
        this.threshold = c.failureThreshold();
        this.failureRate = c.failureRate();
        this.minimumCalls = c.minimumCalls();
        this.slowRate = c.slowCall() == null ? 0 : c.slowCall().rate();
        this.countsCalls = c.countsCalls();
        for (int i = 0; i < BUCKETS; i++) {
            epochs.set(i, Long.MIN_VALUE);
        }
    }

    @Override
    public void recordSuccess(long nowNanos) {
        if (countsCalls) {
            calls.incrementAndGet(bucket(nowNanos));
        }
    }

    @Override
    public boolean recordFailure(long nowNanos, boolean slow) {
        int b = bucket(nowNanos);
        calls.incrementAndGet(b);
        (slow ? slowCalls : failures).incrementAndGet(b);
        long epoch = Math.floorDiv(nowNanos, bucketNanos);
        if (slow) {
            return rateReached(sum(slowCalls, epoch), sum(calls, epoch), slowRate);
        }
        long f = sum(failures, epoch);
        return failureRate > 0 ? rateReached(f, sum(calls, epoch), failureRate) : f >= threshold;
    }

    private boolean rateReached(long count, long total, double rate) {
        return total >= minimumCalls && count >= rate * total;
    }

    @Override
    public int failures(long nowNanos) {
        return (int) sum(failures, Math.floorDiv(nowNanos, bucketNanos));
    }

    @Override
    public void reset(long nowNanos) {
        resetEpoch = Math.floorDiv(nowNanos, bucketNanos);
        for (int i = 0; i < BUCKETS; i++) {
            epochs.set(i, Long.MIN_VALUE);
            calls.set(i, 0);
            failures.set(i, 0);
            slowCalls.set(i, 0);
        }
    }

    /** The bucket of {@code nowNanos}, cleared first when it last held an older tenth. */
    private int bucket(long nowNanos) {
        long epoch = Math.floorDiv(nowNanos, bucketNanos);
        int b = (int) Math.floorMod(epoch, (long) BUCKETS);
        long seen = epochs.get(b);
        if (seen != epoch && epochs.compareAndSet(b, seen, epoch)) {
            calls.set(b, 0);
            failures.set(b, 0);
            slowCalls.set(b, 0);
        }
        return b;
    }

    /** The sum of the buckets of the last ten tenths up to {@code epoch}, after the last reset. */
    private long sum(AtomicLongArray counts, long epoch) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            long e = epochs.get(i);
            if (e > epoch - BUCKETS && e <= epoch && e >= resetEpoch) {
                total += counts.get(i);
            }
        }
        return total;
    }
}
