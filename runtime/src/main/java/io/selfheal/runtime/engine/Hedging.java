package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.HedgeConfig;
import io.selfheal.runtime.time.Clock;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code hedge:} of one target: starts the copies of its slow calls on the target's own pool, a
 * scheduled pool of {@code executor-threads} daemon threads named {@code selfheal-hedge-N}, made at
 * the first hedged call and emptied when idle (its threads time out). A copy is due {@code after}
 * (or the measured p99) after the call entered; a call that ends first cancels it, so a fast call
 * only schedules and cancels one task.
 */
final class Hedging {
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** With {@code after: p99}: no hedging before this many calls were measured. */
    private static final long P99_MIN_CALLS = 20;
    private static final long P99_REFRESH_NANOS = 1_000_000_000L;

    private final HedgeConfig config;
    private final TargetRuntime target;
    private final Clock clock;
    private final AgentFaults faults;
    private volatile ScheduledThreadPoolExecutor pool;
    private volatile long p99Nanos = -1;
    /** When the p99 was last read; set so the first hedged call reads it. */
    private volatile long p99ReadAt;
    /** Sites whose body cannot be run again (a module closed to the agent): reported once, then not hedged. */
    private final java.util.Set<Site> unrunnable = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Hedging(HedgeConfig config, TargetRuntime target, Clock clock, AgentFaults faults) {
        this.config = config;
        this.target = target;
        this.clock = clock;
        this.faults = faults;
        this.p99ReadAt = clock.nanoTime() - P99_REFRESH_NANOS;
    }

    HedgeConfig config() {
        return config;
    }

    /**
     * Schedules the copies of a call that just entered; {@code null} when it is not hedged (the p99
     * not known yet, the body not runnable again).
     */
    HedgedCall start(Site site, Object self, Object[] arguments, Ticket ticket) {
        long delay = delayNanos();
        if (delay < 0 || !unrunnable.isEmpty() && unrunnable.contains(site)) {
            return null;
        }
        BodyInvoker invoker;
        try {
            invoker = BodyInvoker.of(site);
        } catch (IllegalStateException e) {
            if (unrunnable.add(site)) {
                faults.report("hedge", e);
            }
            return null;
        }
        HedgedCall call = new HedgedCall(target.stats(), invoker, self, arguments, ticket, config.maxExtra());
        ScheduledThreadPoolExecutor p = pool();
        for (int i = 1; i <= config.maxExtra(); i++) {
            call.scheduled(i - 1, p.schedule(call.copy(), delay * i, TimeUnit.NANOSECONDS));
        }
        return call;
    }

    private long delayNanos() {
        if (!config.afterP99()) {
            return config.after().toNanos();
        }
        LatencyRecorder latency = target.latency();
        long now = clock.nanoTime();
        if (latency == null) {
            return -1;
        }
        if (now - p99ReadAt >= P99_REFRESH_NANOS) {
            p99ReadAt = now;   // at most once a second: reading the histogram allocates
            p99Nanos = latency.count() < P99_MIN_CALLS ? -1 : (long) (latency.percentileMillis(0.99) * 1_000_000);
        }
        return p99Nanos;
    }

    private ScheduledThreadPoolExecutor pool() {
        ScheduledThreadPoolExecutor p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    p = new ScheduledThreadPoolExecutor(config.executorThreads(), new ThreadFactory() {
                        @Override
                        public Thread newThread(Runnable r) {
                            Thread t = new Thread(r, "selfheal-hedge-" + THREADS.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        }
                    });
                    p.setRemoveOnCancelPolicy(true);   // a call that ended first leaves nothing queued
                    p.setKeepAliveTime(30, TimeUnit.SECONDS);
                    p.allowCoreThreadTimeOut(true);
                    pool = p;
                }
            }
        }
        return p;
    }

    /** Stops the pool (the agent is stopping or the target was reloaded away). */
    void shutdown() {
        ScheduledThreadPoolExecutor p = pool;
        if (p != null) {
            p.shutdownNow();
        }
    }
}
