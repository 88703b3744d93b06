package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.Clock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a per-call event (a short-circuit, a full bulkhead) from flooding the log and from
 * allocating on every call: the first occurrence after {@link #rearm} is reported at once, later
 * ones at most once per interval, each report carrying how many occurred since the last. A call
 * that is not reported costs an increment of its thread's own counter cell and a flag read: an
 * alarm ({@link Clock#alarm}) says when the interval is over, so the clock is read only then (or
 * on every call, with a clock that has no alarms).
 */
final class EventThrottle {
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Clock clock;
    private final AtomicLong nextReportNanos = new AtomicLong(Long.MIN_VALUE);
    private final ThreadCellCounter occurrences = new ThreadCellCounter();
    /** Occurrences counted by the reports so far; guarded by this. */
    private long reported;
    private volatile boolean armed = true;
    /** False while an alarm will tell that the interval is over. */
    private volatile boolean intervalMayBeOver = true;

    EventThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Counts one occurrence.
     *
     * @return how many occurrences the caller should report now (this one included), or 0
     */
    long occurred() {
        occurrences.increment();
        if (!armed && !intervalMayBeOver) {
            return 0;
        }
        long now = clock.nanoTime();
        long next = nextReportNanos.get();
        if (armed || now - next >= 0) {
            if (nextReportNanos.compareAndSet(next, now + INTERVAL_NANOS)) {
                armed = false;
                intervalMayBeOver = false;
                if (!clock.alarm(INTERVAL_NANOS, () -> intervalMayBeOver = true)) {
                    intervalMayBeOver = true;
                }
                return Math.max(1, sinceLastReport());
            }
        }
        return 0;
    }

    private synchronized long sinceLastReport() {
        long total = occurrences.sum();
        long count = total - reported;
        reported = total;
        return count;
    }

    /** The next occurrence is reported at once (a new open period began). */
    void rearm() {
        armed = true;
    }
}
