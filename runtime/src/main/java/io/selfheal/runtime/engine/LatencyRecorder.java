package io.selfheal.runtime.engine;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free latency histogram for targets that opt in ({@code latency: true}). Buckets grow by
 * a factor of 2^(1/4) from 1 microsecond, so a percentile is exact to about 19%; that is what an
 * operator needs to tell 2 ms from 20 ms, and recording is one array increment.
 */
public final class LatencyRecorder {
    private static final int SUB = 4;
    private static final int BUCKETS = 40 * SUB;
    private static final double BASE_NANOS = 1_000;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void record(long nanos) {
        counts.incrementAndGet(bucket(nanos));
    }

    static int bucket(long nanos) {
        if (nanos <= BASE_NANOS) {
            return 0;
        }
        int b = (int) Math.ceil(Math.log(nanos / BASE_NANOS) / Math.log(2) * SUB);
        return Math.min(b, BUCKETS - 1);
    }

    /** The upper bound of a bucket, in nanoseconds. */
    static double upperNanos(int bucket) {
        return BASE_NANOS * Math.pow(2, (double) bucket / SUB);
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The {@code q}-quantile (0..1) in milliseconds, or -1 when nothing was recorded. */
    public double percentileMillis(double q) {
        return percentileMillis(snapshot(), q);
    }

    /** The bucket counts now: two snapshots subtracted give the histogram of the calls between them. */
    public long[] snapshot() {
        long[] out = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    /** The {@code q}-quantile of a {@link #snapshot} (or a difference of two), or -1 when it is empty. */
    public static double percentileMillis(long[] snapshot, double q) {
        long total = 0;
        for (long c : snapshot) {
            total += c;
        }
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= Math.max(rank, 1)) {
                return upperNanos(i) / 1_000_000.0;
            }
        }
        return upperNanos(BUCKETS - 1) / 1_000_000.0;
    }
}
