package io.selfheal.runtime.probation;

import io.selfheal.runtime.config.ProbationConfig;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.TargetRuntime;
import io.selfheal.runtime.rules.Metric;
import io.selfheal.runtime.rules.RollbackCondition;
import io.selfheal.runtime.rules.TargetMetrics;
import io.selfheal.runtime.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Watches patches on probation. Every second it reads each target's counters into its
 * {@link TargetHistory} (so a patch's {@code before} can be read when it arrives); every
 * {@link #TICK_MILLIS} it judges each patch on probation by its targets' figures since the patch:
 * once a target has seen {@code min-calls} calls and the {@code rollback-if} condition holds for
 * it, the patch is rolled back; at the end of {@code for} it is kept (without a verdict when no
 * target saw {@code min-calls} calls). One daemon thread, {@code selfheal-probation}; the woven
 * call path is not touched (the counters are the striped ones the look-ahead reads).
 *
 * <p>{@link #tick} is public so tests drive it with a manual clock instead of the thread.
 */
public final class ProbationMonitor {
    /** How often the patches on probation are judged: a condition that holds is acted on within this. */
    public static final long TICK_MILLIS = 200;
    /** How often the history takes a reading. */
    public static final long HISTORY_MILLIS = 1_000;
    /** Readings kept per target: 15 minutes; a longer {@code for} reads {@code before} over these. */
    static final int HISTORY_READINGS = 900;
    /** Every 10th reading keeps its latency histogram (so {@code before}'s p99 is to 10 s). */
    static final int LATENCY_EVERY = 10;

    private final HealingEngine engine;
    private final Clock clock;
    private final ProbationVerdicts verdicts;
    private final long originMillis;
    private volatile TargetMetrics instant;
    private final Map<String, TargetHistory> history = new LinkedHashMap<>();
    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private long lastHistoryMillis = Long.MIN_VALUE;
    private ScheduledThreadPoolExecutor thread;

    /** One patch on probation: its start, and each target's reading at the start. */
    private record Watched(ProbationStart start, Map<String, Reading> atStart) {
    }

    /**
     * @param originMillis when the targets' counters started (the JVM's start): the history's origin
     */
    public ProbationMonitor(HealingEngine engine, Clock clock, ProbationVerdicts verdicts, long originMillis) {
        this.engine = engine;
        this.clock = clock;
        this.verdicts = verdicts;
        this.originMillis = originMillis;
    }

    /** Where {@code health}, {@code failure-probability} and {@code consecutive-failures} are read (the look-ahead). */
    public void instantMetrics(TargetMetrics metrics) {
        this.instant = metrics;
    }

    /** Starts the thread (once). */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "selfheal-probation");
            th.setDaemon(true);
            return th;
        });
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        tick();   // the first reading of the history, now
        t.scheduleAtFixedRate(() -> {
            try {
                tick();
            } catch (Throwable e) {   // a periodic task that throws would be cancelled for good
                engine.fault("hot-patch probation", e);
            }
        }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        thread = t;
    }

    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    /**
     * The targets that judge a patch of {@code classNames} (binary names): the probation's own,
     * or the targets on those classes.
     *
     * @throws IllegalArgumentException naming a target the config does not have, or saying no target is on the classes
     */
    public List<String> judges(ProbationConfig spec, List<String> classNames) {
        if (!spec.targets().isEmpty()) {
            for (String name : spec.targets()) {
                if (engine.target(name) == null) {
                    throw new IllegalArgumentException("probation.targets names '" + name
                            + "', which is no target of the config (targets: " + names() + ")");
                }
            }
            return spec.targets();
        }
        List<String> out = new ArrayList<>();
        for (TargetRuntime t : engine.targets()) {
            for (String c : classNames) {
                if (t.config().namesClass(c.replace('.', '/')) && !out.contains(t.name())) {
                    out.add(t.name());
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the probation has no target to judge the patch: no target of the config"
                    + " is on " + String.join(", ", classNames) + "; name them in probation.targets (targets: "
                    + names() + ")");
        }
        return out;
    }

    private String names() {
        List<String> n = new ArrayList<>();
        for (TargetRuntime t : engine.targets()) {
            n.add(t.name());
        }
        return n.isEmpty() ? "none" : String.join(", ", n);
    }

    /**
     * The figures of {@code targets} over the {@code for} of {@code spec} just before now: what a
     * patch applied now is compared with. Read before the patch is applied.
     */
    public synchronized Map<String, Map<String, Object>> before(ProbationConfig spec, List<String> targets) {
        long now = clock.currentTimeMillis();
        Set<Metric> metrics = spec.rollbackIf().metrics();
        boolean latency = metrics.contains(Metric.LATENCY_P99);
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String name : targets) {
            TargetRuntime t = engine.target(name);
            TargetHistory h = history(name);
            Reading from = h.atOrBefore(now - spec.period().toMillis(), latency);
            Reading to = Reading.of(t, now, latency);
            out.put(name, Figures.between(from, to, metrics, m -> instant(name, m)).toMap());
        }
        return out;
    }

    /** Begins watching a patch just applied, with the {@code before} read by {@link #before}. */
    public synchronized ProbationStart watch(String patchId, ProbationConfig spec, List<String> targets,
            Map<String, Map<String, Object>> before) {
        long now = clock.currentTimeMillis();
        ProbationStart start = new ProbationStart(patchId, spec, List.copyOf(targets), now,
                now + spec.period().toMillis(), before);
        resume(start);
        return start;
    }

    /**
     * Watches a patch again after a restart, until its end as recorded: the counts start afresh
     * with this JVM's, {@code before} is the one read when it was applied.
     */
    public synchronized void resume(ProbationStart start) {
        long now = clock.currentTimeMillis();
        boolean latency = start.spec().rollbackIf().metrics().contains(Metric.LATENCY_P99);
        Map<String, Reading> atStart = new LinkedHashMap<>();
        for (String name : start.targets()) {
            TargetRuntime t = engine.target(name);
            if (t != null) {
                atStart.put(name, Reading.of(t, now, latency));
            }
        }
        watched.put(start.patchId(), new Watched(start, atStart));
    }

    /** Stops watching (the patch was rolled back by other means). */
    public synchronized void forget(String patchId) {
        watched.remove(patchId);
    }

    public synchronized boolean isWatching(String patchId) {
        return watched.containsKey(patchId);
    }

    /** One tick: a history reading when one is due, then every patch on probation judged. */
    public void tick() {
        List<Runnable> decisions = new ArrayList<>();
        synchronized (this) {
            long now = clock.currentTimeMillis();
            if (now - lastHistoryMillis >= HISTORY_MILLIS || lastHistoryMillis == Long.MIN_VALUE) {
                lastHistoryMillis = now;
                for (TargetRuntime t : engine.targets()) {
                    history(t.name()).add(Reading.of(t, now, true));
                }
            }
            for (Watched w : List.copyOf(watched.values())) {
                Runnable decision = judge(w, now);
                if (decision != null) {
                    watched.remove(w.start().patchId());
                    decisions.add(decision);
                }
            }
        }
        for (Runnable d : decisions) {   // outside the lock: the verdict takes the patch manager's
            d.run();
        }
    }

    /** The verdict on one patch now, or null while it goes on. */
    private Runnable judge(Watched w, long now) {
        ProbationStart s = w.start();
        RollbackCondition condition = s.spec().rollbackIf();
        Set<Metric> metrics = EnumSet.copyOf(condition.metrics());
        boolean latency = metrics.contains(Metric.LATENCY_P99);
        Map<String, Object> figures = new LinkedHashMap<>();
        boolean anyVerdict = false;
        for (Map.Entry<String, Reading> e : w.atStart().entrySet()) {
            String name = e.getKey();
            TargetRuntime t = engine.target(name);
            if (t == null) {
                continue;   // a reload removed it
            }
            Figures during = Figures.between(e.getValue(), Reading.of(t, now, latency), metrics, m -> instant(name, m));
            Map<String, Object> before = s.before().getOrDefault(name, Map.of());
            Map<String, Object> entry = during.toMap();
            entry.put("before", before);
            figures.put(name, entry);
            if (during.calls() < s.spec().minCalls()) {
                continue;
            }
            anyVerdict = true;
            if (condition.holds(during::value, m -> number(before.get(m.wireName())))) {
                String decidedBy = name + ": " + explain(condition, during, before);
                return () -> verdicts.rollBack(s.patchId(), decidedBy, figures);
            }
        }
        if (now < s.untilMillis()) {
            return null;
        }
        boolean verdict = anyVerdict;
        String message = verdict ? "kept after " + s.spec().describe() + ": '" + condition.text() + "' never held"
                : "kept without a verdict: fewer than min-calls (" + s.spec().minCalls() + ") calls in " + s.targets()
                        + " during probation";
        return () -> verdicts.keep(s.patchId(), verdict, message, figures);
    }

    /** The clauses that held, with their figures: {@code error-rate 0.62 > before 0.02 * 1.5 (0.03)}. */
    private static String explain(RollbackCondition condition, Figures during, Map<String, Object> before) {
        List<String> parts = new ArrayList<>();
        for (List<RollbackCondition.Clause> group : condition.anyOf()) {
            List<String> held = new ArrayList<>();
            boolean all = true;
            for (RollbackCondition.Clause c : group) {
                double b = number(before.get(c.metric().wireName()));
                double v = during.value(c.metric());
                all &= c.holds(v, b);
                held.add(c.metric().wireName() + " " + fmt(v) + " " + c.operator().symbol() + " "
                        + (c.relative() ? "before " + fmt(b) + (c.factor() != 1 ? " * " + fmt(c.factor()) : "")
                                + (c.offset() != 0 ? " + " + fmt(c.offset()) : "") + " (" + fmt(c.threshold(b)) + ")"
                                : fmt(c.threshold(b))));
            }
            if (all) {
                parts.add(String.join(" and ", held));
            }
        }
        return String.join(" or ", parts);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "unknown" : String.valueOf(Figures.round(v));
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private double instant(String target, Metric m) {
        if (m == Metric.CONSECUTIVE_FAILURES) {
            TargetRuntime t = engine.target(target);
            return t == null ? Double.NaN : t.consecutiveFailures();
        }
        TargetMetrics i = instant;
        return i == null ? Double.NaN : i.value(target, m);
    }

    private TargetHistory history(String target) {
        return history.computeIfAbsent(target, n -> new TargetHistory(HISTORY_READINGS, LATENCY_EVERY, originMillis));
    }
}
