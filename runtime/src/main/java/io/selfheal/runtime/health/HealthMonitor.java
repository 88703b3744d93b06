package io.selfheal.runtime.health;

import io.selfheal.runtime.config.Durations;
import io.selfheal.runtime.config.HealthConfig;
import io.selfheal.runtime.engine.CircuitState;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.TargetRuntime;
import io.selfheal.runtime.engine.TargetStats;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Health over a sliding window, computed off the hot path: a sampler thread reads the targets'
 * striped counters a few times per window and keeps those samples; a health is the error rate
 * between now and the sample one window ago. A change of health is a {@code health-changed} event.
 *
 * <p>The error rate is failed runs of a body over runs of a body (retries are runs too;
 * short-circuited calls do not run the body). The agent's health is the worst of its targets'.
 */
public final class HealthMonitor implements AutoCloseable {
    private final HealingEngine engine;
    private volatile HealthConfig config;
    private final Map<TargetRuntime, Deque<Sample>> samples = new IdentityHashMap<>();
    private final Map<TargetRuntime, Health> reported = new IdentityHashMap<>();
    private Health reportedAgent = Health.HEALTHY;
    /** The sampler thread; {@code null} before {@link #start} and after {@link #close}. Guarded by this. */
    private Thread sampler;
    private volatile Runnable alsoEachTick;

    private record Sample(long nanos, long runs, long failures) {
    }

    public HealthMonitor(HealingEngine engine, HealthConfig config) {
        this.engine = engine;
        this.config = config;
    }

    public HealthConfig config() {
        return config;
    }

    /** Takes effect at the next sample; samples already taken are kept. */
    public void reconfigure(HealthConfig newConfig) {
        this.config = newConfig;
    }

    /** Starts the sampler: a daemon thread ticking ten times per window (between 50 ms and 1 s). */
    public synchronized void start() {
        if (sampler != null) {
            return;
        }
        // A plain thread that sleeps between samples, not a scheduled executor (about twenty more
        // classes and a pool at every agent start); an anonymous class, not a lambda, likewise.
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                sampleUntilClosed();
            }
        }, "selfheal-health");
        t.setDaemon(true);
        sampler = t;
        t.start();
    }

    /** One sample per tick, the delay counted from the end of the previous one, until {@link #close}. */
    private void sampleUntilClosed() {
        Thread self = Thread.currentThread();
        while (true) {
            long tick = Math.max(50, Math.min(1000, config.window().toMillis() / 10));
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (sampler != self) {
                    return;
                }
            }
            try {
                sample();
            } catch (Throwable t) {
                engine.fault("health-sampler", t);
            }
            Runnable also = alsoEachTick;
            if (also != null) {
                try {
                    also.run();
                } catch (Throwable t) {
                    engine.fault("health-sampler tick", t);
                }
            }
        }
    }

    /**
     * Work run after each sample on the sampler's thread, off the application's (the observability
     * bridges look there for a flight recording, Micrometer or OpenTelemetry that came later).
     */
    public void alsoEachTick(Runnable task) {
        alsoEachTick = task;
    }

    @Override
    public synchronized void close() {
        if (sampler != null) {
            sampler.interrupt();
            sampler = null;
        }
    }

    /** Records one sample of every target and publishes the health changes it reveals. */
    public synchronized void sample() {
        long now = engine.clock().nanoTime();
        long windowNanos = config.window().toNanos();
        samples.keySet().retainAll(java.util.Set.copyOf(engine.targets()));
        reported.keySet().retainAll(samples.keySet());
        Health agent = Health.HEALTHY;
        for (TargetRuntime t : engine.targets()) {
            Deque<Sample> d = samples.computeIfAbsent(t, k -> seeded(now, windowNanos));
            TargetStats s = t.stats();
            d.addLast(new Sample(now, runs(s), s.failures.sum()));
            trim(d, now - windowNanos);
            TargetHealth h = compute(t, now);
            agent = agent.worse(h.health());
            Health before = reported.put(t, h.health());
            if (before == null ? h.health() != Health.HEALTHY : before != h.health()) {
                engine.publish(Event.of(EventType.HEALTH_CHANGED, engine.clock().currentTimeMillis())
                        .target(t.name()).with("from", String.valueOf(before == null ? Health.HEALTHY : before))
                        .with("to", h.health().name()).with("errorRate", round(h.errorRate()))
                        .with("runs", h.runs()).with("failures", h.failures())
                        .with("circuit", t.circuitState().name())
                        .with("window", Durations.format(config.window())));
            }
        }
        if (agent != reportedAgent) {
            engine.publish(Event.of(EventType.HEALTH_CHANGED, engine.clock().currentTimeMillis())
                    .with("scope", "agent").with("from", reportedAgent.name()).with("to", agent.name()));
            reportedAgent = agent;
        }
    }

    /** The target's health now: its counters against the sample one window ago. */
    public synchronized TargetHealth health(TargetRuntime target) {
        return compute(target, engine.clock().nanoTime());
    }

    /** The agent's health: the worst of its targets'. */
    public synchronized Health agentHealth() {
        Health worst = Health.HEALTHY;
        long now = engine.clock().nanoTime();
        for (TargetRuntime t : engine.targets()) {
            worst = worst.worse(compute(t, now).health());
        }
        return worst;
    }

    private TargetHealth compute(TargetRuntime t, long now) {
        TargetStats s = t.stats();
        long runs = runs(s);
        long failures = s.failures.sum();
        Sample base = baseline(samples.get(t), now - config.window().toNanos());
        if (base != null) {
            runs -= base.runs;
            failures -= base.failures;
        }
        double rate = runs <= 0 ? 0 : Math.min(1.0, (double) failures / runs);
        return new TargetHealth(classify(rate, t.circuitState()), rate, runs, failures);
    }

    /** A new target's history: all zero, as if sampled one window ago, so its first calls count. */
    private static Deque<Sample> seeded(long now, long windowNanos) {
        Deque<Sample> d = new ArrayDeque<>();
        d.add(new Sample(now - windowNanos, 0, 0));
        return d;
    }

    /** Drops samples older than needed: one sample at or before the window's start stays, as the baseline. */
    private static void trim(Deque<Sample> d, long start) {
        while (d.size() > 1) {
            java.util.Iterator<Sample> it = d.iterator();
            it.next();
            if (it.next().nanos > start) {
                return;
            }
            d.removeFirst();
        }
    }

    /** The newest sample taken at or before {@code start}, else the oldest one (the window is not full yet). */
    private static Sample baseline(Deque<Sample> d, long start) {
        if (d == null || d.isEmpty()) {
            return null;
        }
        Sample base = d.peekFirst();
        for (Sample s : d) {
            if (s.nanos <= start) {
                base = s;
            }
        }
        return base;
    }

    Health classify(double rate, CircuitState circuit) {
        HealthConfig c = config;
        if (circuit == CircuitState.OPEN || rate > c.critical()) {
            return Health.CRITICAL;
        }
        if (rate >= c.unhealthy()) {
            return Health.UNHEALTHY;
        }
        if (rate >= c.degraded()) {
            return Health.DEGRADED;
        }
        return Health.HEALTHY;
    }

    private static long runs(TargetStats s) {
        return s.calls.sum() - s.shortCircuits.sum() + s.retries.sum();
    }

    private static double round(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }
}
