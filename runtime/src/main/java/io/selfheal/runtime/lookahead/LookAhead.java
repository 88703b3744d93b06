package io.selfheal.runtime.lookahead;

import io.selfheal.runtime.engine.CircuitState;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.Initiator;
import io.selfheal.runtime.engine.LatencyRecorder;
import io.selfheal.runtime.engine.TargetRuntime;
import io.selfheal.runtime.engine.TargetStats;
import io.selfheal.runtime.time.Clock;

import io.selfheal.runtime.adaptive.AdaptiveStrategies;
import io.selfheal.runtime.adaptive.StrategyStats;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.PredictionConfig;
import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.rules.JvmMemory;
import io.selfheal.runtime.rules.Metric;
import io.selfheal.runtime.policy.PolicyActions;
import io.selfheal.runtime.policy.PolicyEvaluator;
import io.selfheal.runtime.rules.TargetMetrics;
import io.selfheal.runtime.predict.CounterSampler;
import io.selfheal.runtime.predict.FailurePredictor;
import io.selfheal.runtime.predict.IntervalSample;
import io.selfheal.runtime.predict.Prediction;
import io.selfheal.runtime.predict.PredictionThresholds;
import io.selfheal.runtime.health.Health;
import io.selfheal.runtime.health.HealthMonitor;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.WeakHashMap;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The agent's background look-ahead: failure prediction per target, policy rules, and the state
 * memory, on one daemon thread ({@code selfheal-look-ahead}) that exists only when the config
 * asks for one of them ({@link AgentConfig#looksAhead()} or {@link AgentConfig#remembers()}).
 * Nothing here touches the woven call path: it reads the targets' striped counters.
 *
 * <p>The tick methods are public so tests drive them with a manual clock instead of the thread.
 */
public final class LookAhead implements TargetMetrics {
    /** How often the state file is written while running (and once more at shutdown). */
    public static final long STATE_SAVE_MILLIS = 10_000;

    private final AgentConfig config;
    private final HealingEngine engine;
    private final EventSink events;
    private final Clock clock;
    private final PolicyActions actions;
    /** The prediction's pre-emptive actions: the policies' own, on behalf of a prediction. */
    private final PolicyActions preemptActions;
    /** Read for the {@code health} metric; null until the agent hands its monitor over. */
    private volatile HealthMonitor health;
    private final Map<String, Watch> watches = new LinkedHashMap<>();
    private final PolicyEvaluator policies;
    private final StateMemory memory;
    private ScheduledExecutorService scheduler;
    /** The last save failure reported, so a lasting one (a read-only disk) is reported once. */
    private String lastSaveFailure;
    /** Not {@code this}: {@link #stop} holds that while it waits for the thread, which may be saving. */
    private final Object saveLock = new Object();

    /** Per target: the prediction and the samples the policies read. */
    private static final class Watch {
        final TargetRuntime target;
        final PredictionConfig prediction;
        final CounterSampler predictionSampler;
        final FailurePredictor predictor;
        final PredictionThresholds thresholds;
        final CounterSampler policySampler;
        volatile IntervalSample lastPolicySample;
        volatile Prediction lastPrediction = Prediction.NONE;
        /** True while a {@code fallback} pre-emption holds the circuit open. */
        volatile boolean onFallback;

        Watch(TargetRuntime target) {
            this.target = target;
            TargetConfig c = target.config();
            TargetStats s = target.stats();
            this.prediction = c.predicts() ? c.prediction() : null;
            this.predictionSampler = new CounterSampler(s.calls::sum, s.failures::sum, s.timeouts::sum);
            this.predictor = prediction == null ? null : new FailurePredictor(prediction.model());
            this.thresholds = prediction == null ? null
                    : new PredictionThresholds(prediction.warnAt(), prediction.preemptAt());
            this.policySampler = new CounterSampler(s.calls::sum, s.failures::sum, s.timeouts::sum);
        }
    }

    /** Reads the engine's adaptive strategies (those its failure path consults), which it remembers. */
    public LookAhead(AgentConfig config, HealingEngine engine, Clock clock, PolicyActions actions) {
        this.config = config;
        this.preemptActions = actions instanceof EnginePolicyActions a ? a.onBehalfOf(Initiator.PREDICTION) : actions;
        this.engine = engine;
        this.events = engine.events();
        this.clock = clock;
        this.actions = actions;
        for (TargetRuntime t : engine.targets()) {
            watches.put(t.name(), new Watch(t));
        }
        List<String> names = List.copyOf(watches.keySet());
        this.policies = config.policies() == null || config.policies().rules().isEmpty() ? null
                : new PolicyEvaluator(config.policies(), () -> names, this, actions, events, clock);
        this.memory = config.remembers()
                ? new StateMemory(new StateStore(Paths.get(config.stateDirOrDefault()), this::stateWarning),
                        clock::currentTimeMillis)
                : null;
        if (memory != null) {
            // what adaptive targets learned is theirs to write; other targets' entries are carried forward
            memory.contribute(state -> {
                Map<String, Map<String, Map<String, StrategyStats>>> all = new LinkedHashMap<>(state.strategies());
                all.putAll(adaptive().snapshot());
                return state.withStrategies(all);
            });
            memory.contribute(state -> RememberedGuards.contribute(state, engine, clock.currentTimeMillis()));
        }
    }

    /** The adaptive strategy selectors (the engine's failure path asks them; the state memory keeps them). */
    public AdaptiveStrategies adaptive() {
        return engine.adaptive();
    }

    /** The health monitor the {@code health} metric reads; without one, {@code health} is unknown. */
    public void health(HealthMonitor monitor) {
        this.health = monitor;
    }

    /** Starts the thread when the config needs one; returns null (and starts nothing) otherwise. */
    public static LookAhead startIfConfigured(AgentConfig config, HealingEngine engine, Clock clock) {
        return startIfConfigured(config, engine, clock, null);
    }

    /**
     * As {@link #startIfConfigured(AgentConfig, HealingEngine, Clock)}, with the agent's health
     * monitor; the policies act {@code by: policy}, the predictions {@code by: prediction}, and
     * {@code apply-patch <id>} looks in {@code hot-patch.directory}, then in the state directory's
     * {@code hot-patches/}.
     */
    public static LookAhead startIfConfigured(AgentConfig config, HealingEngine engine, Clock clock,
            HealthMonitor health) {
        if (!config.needsLookAhead()) {
            return null;
        }
        List<Path> patchDirs = new ArrayList<>();
        if (config.hotPatch() != null && config.hotPatch().directory() != null) {
            patchDirs.add(Paths.get(config.hotPatch().directory()));
        }
        patchDirs.add(Paths.get(config.stateDirOrDefault()).resolve("hot-patches"));
        LookAhead lookAhead = new LookAhead(config, engine, clock,
                new EnginePolicyActions(engine, Initiator.POLICY, patchDirs));
        lookAhead.health(health);
        lookAhead.start();
        running(engine, lookAhead);
        return lookAhead;
    }

    /** The look-ahead running for each engine, so operators (JMX) can read its predictions. */
    private static final Map<HealingEngine, LookAhead> RUNNING = Collections.synchronizedMap(new WeakHashMap<>());

    /** The look-ahead running for {@code engine}, or {@code null} when the config asks for none. */
    public static LookAhead runningFor(HealingEngine engine) {
        return RUNNING.get(engine);
    }

    /** Makes {@code lookAhead} the one {@link #runningFor} answers for {@code engine} ({@link #start} does). */
    public static void running(HealingEngine engine, LookAhead lookAhead) {
        RUNNING.put(engine, lookAhead);
    }

    public synchronized void start() {
        loadState();
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "selfheal-look-ahead");
            t.setDaemon(true);
            return t;
        });
        s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        for (Watch w : watches.values()) {
            if (w.prediction != null) {
                long every = w.prediction.interval().toMillis();
                w.predictionSampler.sample(clock.currentTimeMillis());   // the baseline
                s.scheduleAtFixedRate(guarded("prediction", () -> predict(w)), every, every, TimeUnit.MILLISECONDS);
            }
        }
        if (policies != null) {
            long every = config.policies().interval().toMillis();
            samplePolicyMetrics();   // the baseline
            s.scheduleAtFixedRate(guarded("policies", this::evaluatePolicies), every, every, TimeUnit.MILLISECONDS);
        }
        if (memory != null) {
            s.scheduleAtFixedRate(guarded("state-save", this::saveState), STATE_SAVE_MILLIS, STATE_SAVE_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        scheduler = s;
    }

    /** Stops the thread and writes the state one last time (shutdown hook). */
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
        guarded("state-save", this::saveState).run();
    }

    // ---------------------------------------------------------------- ticks

    /** One prediction interval for every predicting target. */
    public void predictAll() {
        for (Watch w : watches.values()) {
            if (w.prediction != null) {
                predict(w);
            }
        }
    }

    private void predict(Watch w) {
        IntervalSample sample = w.predictionSampler.sample(clock.currentTimeMillis());
        if (sample == null) {
            return;
        }
        Prediction p = w.predictor.observe(sample);
        w.lastPrediction = p;
        if (w.onFallback) {
            endFallbackWhenRecovered(w, p);
        }
        PredictionThresholds.Decision d = w.thresholds.decide(p);
        if (d == PredictionThresholds.Decision.NONE) {
            return;
        }
        Event e = Event.of(EventType.PREDICTION_WARNING, clock.currentTimeMillis()).target(w.target.name())
                .with("probability", round(p.probability())).with("confidence", round(p.confidence()))
                .with("factors", p.factors()).with("errorRate", round(p.errorRate()))
                .with("warnAt", w.prediction.warnAt())
                .message(String.format(Locale.ROOT, "failure probability %.2f (confidence %.2f) for %s: %s",
                        p.probability(), p.confidence(), w.target.name(), String.join("; ", p.factors())));
        if (d == PredictionThresholds.Decision.PREEMPT && w.prediction.action() != PredictionConfig.PreemptAction.NONE) {
            e.with("preemptAt", w.prediction.preemptAt()).with("action", w.prediction.action().wireName())
                    .with("outcome", preempt(w));
        }
        publish(e);
    }

    /** Takes the target's suggested action; returns {@code ok} or why it could not. */
    private String preempt(Watch w) {
        try {
            switch (w.prediction.action()) {
                case OPEN_CIRCUIT -> preemptActions.openCircuit(w.target.name());
                case ISOLATE -> preemptActions.isolate(w.target.name());
                case FALLBACK -> {
                    // The fallback is answered through the open circuit's short-circuit path.
                    if (w.target.config().fallback() == null || w.target.config().fallback().isEmpty()) {
                        throw new IllegalStateException("target '" + w.target.name() + "' has no fallback: chain");
                    }
                    preemptActions.openCircuit(w.target.name());
                    w.onFallback = true;
                }
                case NONE -> {
                    return "none";
                }
            }
            return "ok";
        } catch (Exception | LinkageError e) {
            return "failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /**
     * Ends a {@code fallback} pre-emption: once the circuit has closed on its own (its probes
     * succeeded), or when the probability is back below {@code warn-at} (then the circuit is
     * closed, by: prediction).
     */
    private void endFallbackWhenRecovered(Watch w, Prediction p) {
        if (w.target.circuitState() == CircuitState.CLOSED) {
            w.onFallback = false;
        } else if (p.probability() < w.prediction.warnAt()) {
            w.onFallback = false;
            w.target.resetCircuit(Initiator.PREDICTION);
        }
    }

    /** One policy interval: new metric samples, then every rule. */
    public void evaluatePolicies() {
        samplePolicyMetrics();
        if (policies != null) {
            policies.evaluate();
        }
    }

    private void samplePolicyMetrics() {
        long now = clock.currentTimeMillis();
        for (Watch w : watches.values()) {
            IntervalSample s = w.policySampler.sample(now);
            if (s != null) {
                w.lastPolicySample = s;
            }
        }
    }

    @Override
    public double value(String target, Metric metric) {
        Watch w = watches.get(target);
        if (w == null) {
            return Double.NaN;
        }
        IntervalSample s = w.lastPolicySample;
        return switch (metric) {
            case ERROR_RATE -> s == null || s.calls() == 0 ? Double.NaN : s.errorRate();
            case CALLS_PER_SECOND -> s == null ? Double.NaN : s.calls() * 1000.0 / s.intervalMillis();
            case FAILURE_PROBABILITY -> w.predictor == null ? Double.NaN : w.lastPrediction.probability();
            case LATENCY_P99 -> latencyP99(w.target);
            case HEALTH -> healthScore(w.target);
            case CONSECUTIVE_FAILURES -> w.target.consecutiveFailures();
            case HEAP_AFTER_GC, GC_TIME -> jvmMemory(metric);
            case CONCURRENCY_LIMIT -> w.target.hasConcurrencyLimit() ? w.target.concurrencyLimit() : Double.NaN;
        };
    }

    /** The JVM's memory, the same for every target; unknown when nothing watches it. */
    private static double jvmMemory(Metric metric) {
        JvmMemory memory = JvmMemory.installed();
        if (memory == null) {
            return Double.NaN;
        }
        return metric == Metric.HEAP_AFTER_GC ? memory.heapAfterGc() : memory.gcTime();
    }

    /** Needs {@code latency: true} on the target (the woven path measures nothing otherwise). */
    private static double latencyP99(TargetRuntime t) {
        LatencyRecorder l = t.latency();
        return l == null || l.count() == 0 ? Double.NaN : l.percentileMillis(0.99);
    }

    /** The health monitor's verdict as a score: healthy 1, degraded 0.67, unhealthy 0.33, critical 0. */
    private double healthScore(TargetRuntime t) {
        HealthMonitor h = health;
        if (h == null) {
            return Double.NaN;
        }
        Health verdict = h.health(t).health();
        return round(1.0 - verdict.ordinal() / (double) (Health.values().length - 1));
    }

    /** The latest prediction of a target, for the MBean; {@link Prediction#NONE} when it does not predict. */
    public Prediction prediction(String target) {
        Watch w = watches.get(target);
        return w == null ? Prediction.NONE : w.lastPrediction;
    }

    // ---------------------------------------------------------------- state memory

    /** The memory, or null when nothing is remembered; other parts register their contributions here. */
    public StateMemory memory() {
        return memory;
    }

    private void loadState() {
        if (memory == null) {
            return;
        }
        AgentState s = memory.load();
        adaptive().restore(s.strategies());
        List<String> restored = RememberedGuards.restore(s, engine, clock.currentTimeMillis());
        publish(Event.of(EventType.STATE_LOADED, clock.currentTimeMillis())
                .with("file", memory.store().file().toString()).with("savedAt", s.savedAtMillis() == 0 ? null
                        : java.time.Instant.ofEpochMilli(s.savedAtMillis()).toString())
                .with("circuits", s.circuits().size()).with("isolated", s.isolation().size())
                .with("strategies", s.strategies().size()).with("patches", s.patches().size())
                .with("restored", restored.isEmpty() ? null : restored));
    }

    public void saveState() {
        if (memory == null) {
            return;
        }
        synchronized (saveLock) {
            saveStateLocked();
        }
    }

    private void saveStateLocked() {
        try {
            memory.save();
            lastSaveFailure = null;
        } catch (java.io.IOException e) {
            String message = "cannot write the state file " + memory.store().file() + ": " + e;
            if (!message.equals(lastSaveFailure)) {
                stateWarning(message);
            }
            lastSaveFailure = message;
        }
    }

    private void stateWarning(String message) {
        System.err.println("[selfheal] warning: " + message);
        publish(Event.of(EventType.STATE_WARNING, clock.currentTimeMillis()).message(message));
    }

    // ---------------------------------------------------------------- helpers

    private Runnable guarded(String where, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {   // a periodic task that throws would be cancelled for good
                engine.fault("look-ahead " + where, t);
            }
        };
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private void publish(Event e) {
        try {
            events.publish(e);
        } catch (RuntimeException fault) {
            engine.fault("event-writing", fault);
        }
    }
}
