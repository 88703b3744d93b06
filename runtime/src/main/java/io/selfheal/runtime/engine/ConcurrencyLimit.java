package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.ConcurrencyLimitConfig;
import io.selfheal.runtime.limit.AdaptiveLimiter;
import io.selfheal.runtime.limit.LimitAlgorithm;
import io.selfheal.runtime.time.Clock;

/**
 * A target's {@code concurrency-limit:}: the adaptive limiter, what a call over the limit gets
 * (refused at once, or a bounded wait for a slot), the count of refused calls, and the
 * {@code limit-changed} reports: at most one a second, and only when the limit moved by 10% or
 * more since the last one.
 */
final class ConcurrencyLimit {
    static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;

    private final TargetRuntime target;
    private final AdaptiveLimiter limiter;
    private final boolean waits;
    private final long maxWaitNanos;
    private final Clock clock;
    private final LimitListener listener;
    /** Calls the limit refused (with {@code on-limit: wait}, after their wait). */
    final ThreadCellCounter refused = new ThreadCellCounter();
    private volatile int lastReported;
    private long lastReportNanos;

    /** Hears of a limit change worth reporting. */
    interface LimitListener {
        /** @param by who set the limit by hand, or {@code null} when the algorithm moved it */
        void limitChanged(TargetRuntime target, int from, int to, Initiator by);
    }

    ConcurrencyLimit(TargetRuntime target, ConcurrencyLimitConfig config, Clock clock, LimitListener listener) {
        this.target = target;
        this.limiter = new AdaptiveLimiter(LimitAlgorithm.named(config.algorithm()), config.initial(), config.min(),
                config.max(), clock);
        this.waits = config.onLimit() == ConcurrencyLimitConfig.OnLimit.WAIT;
        this.maxWaitNanos = config.maxWait().toNanos();
        this.clock = clock;
        this.listener = listener;
        this.lastReported = config.initial();
        this.lastReportNanos = clock.nanoTime() - REPORT_INTERVAL_NANOS;
    }

    AdaptiveLimiter limiter() {
        return limiter;
    }

    /** Takes a slot (waiting for one with {@code on-limit: wait}); counts a refusal. */
    boolean admit() {
        if (waits ? limiter.acquire(maxWaitNanos) : limiter.tryAcquire()) {
            return true;
        }
        refused.increment();
        return false;
    }

    /** A run's outcome, while it holds its slot; then a report if the limit moved enough. */
    void sample(long startNanos, boolean congested) {
        limiter.sample(startNanos, congested);
        int now = limiter.limit();
        int last = lastReported;
        if (Math.abs(now - last) * 10L >= last) {
            report(now);
        }
    }

    void release() {
        limiter.release();
    }

    /** Sets the limit by hand; reported at once, naming who set it. */
    void set(int limit, Initiator by) {
        limiter.setLimit(limit);
        int to = limiter.limit();
        listener.limitChanged(target, reported(to, clock.nanoTime()), to, by);
    }

    /** The algorithm's move, reported at most once an interval and only when it is 10% or more. */
    private void report(int now) {
        int from;
        synchronized (this) {
            long t = clock.nanoTime();
            from = lastReported;
            if (t - lastReportNanos < REPORT_INTERVAL_NANOS || Math.abs(now - from) * 10L < from) {
                return;
            }
            reported(now, t);
        }
        listener.limitChanged(target, from, now, null);
    }

    /** Records {@code now} as the limit last reported, at {@code nanos}; returns the one before. */
    private synchronized int reported(int now, long nanos) {
        int from = lastReported;
        lastReported = now;
        lastReportNanos = nanos;
        return from;
    }

    /** True when as many calls run as the limit admits now. */
    boolean full() {
        return limiter.inFlight() >= limiter.admittedLimit();
    }
}
