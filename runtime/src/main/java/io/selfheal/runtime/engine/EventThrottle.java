package io.selfheal.runtime.engine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps a per-call event (a short-circuit, a full bulkhead) from flooding the log and from
 * allocating on every call: the first occurrence after {@link #rearm} is reported at once, later
 * ones at most once per interval, each report carrying how many occurred since the last. A call
 * that is not reported costs a clock read and a striped increment.
 */
final class EventThrottle {
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final AtomicLong nextReportNanos = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder occurrences = new LongAdder();
    private volatile boolean armed = true;

    /**
     * Counts one occurrence.
     *
     * @return how many occurrences the caller should report now (this one included), or 0
     */
    long occurred(long nowNanos) {
        occurrences.increment();
        long next = nextReportNanos.get();
        if (armed || nowNanos - next >= 0) {
            if (nextReportNanos.compareAndSet(next, nowNanos + INTERVAL_NANOS)) {
                armed = false;
                return Math.max(1, occurrences.sumThenReset());
            }
        }
        return 0;
    }

    /** The next occurrence is reported at once (a new open period began). */
    void rearm() {
        armed = true;
    }
}
