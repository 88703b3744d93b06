package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.Strategy;
import io.selfheal.runtime.config.TargetConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry of stages, in the order of healing: one line per stage, saying which strategy it
 * runs, which targets have it (from their config) and how it is made. A new strategy is its config
 * record, its stage class and one line here; the pipeline and the weaver do not change.
 *
 * <p>Enum constants with bodies rather than lambdas: targets are built at agent start, where a first
 * lambda spins hidden classes (benchmarks/README.md, Start-up).
 */
enum Stages {
    TIMEOUT(Strategy.TIMEOUT) {
        @Override boolean configured(TargetConfig c) { return c.timeout() != null; }
        @Override Stage create(TargetRuntime t, EngineContext x) { return new TimeoutStage(x.events()); }
    },
    /** Not a strategy of its own: every target classifies, counts and reports a failure. */
    CLASSIFY(null) {
        @Override boolean configured(TargetConfig c) { return true; }
        @Override Stage create(TargetRuntime t, EngineContext x) { return new ClassifyStage(x); }
    },
    RESTORE_CHECKPOINT(Strategy.RESTORE_CHECKPOINT) {
        @Override boolean configured(TargetConfig c) { return c.restoreCheckpoint() != null; }
        @Override Stage create(TargetRuntime t, EngineContext x) { return new RestoreCheckpointStage(x.state()); }
    },
    RESTORE(Strategy.RESTORE) {
        @Override boolean configured(TargetConfig c) { return c.restore() != null; }
        @Override Stage create(TargetRuntime t, EngineContext x) { return new RestoreStage(x.state()); }
    },
    HOT_PATCH(Strategy.HOT_PATCH) {
        @Override boolean configured(TargetConfig c) { return c.hotPatch() != null; }
        @Override Stage create(TargetRuntime t, EngineContext x) { return new HotPatchStage(t.hotPatch(), x); }
    },
    CIRCUIT_BREAKER(Strategy.CIRCUIT_BREAKER) {
        @Override boolean configured(TargetConfig c) { return c.circuitBreaker() != null; }
        @Override Stage create(TargetRuntime t, EngineContext x) { return new CircuitBreakerStage(t.breaker(), x); }
    },
    ISOLATE(Strategy.ISOLATE) {
        @Override boolean configured(TargetConfig c) { return c.isolate() != null; }
        @Override Stage create(TargetRuntime t, EngineContext x) { return new IsolateStage(t, x); }
    },
    /** With {@code strategy: adaptive} too: its retry and restore candidates re-run the body. */
    RETRY(Strategy.RETRY) {
        @Override boolean configured(TargetConfig c) { return c.retry() != null || c.adaptive() != null; }
        @Override Stage create(TargetRuntime t, EngineContext x) { return new RetryStage(x); }
    },
    /** With {@code strategy: adaptive} too: its guard candidates act, then the chain answers. */
    FALLBACK(Strategy.FALLBACK) {
        @Override boolean configured(TargetConfig c) { return !c.fallback().isEmpty() || c.adaptive() != null; }
        @Override Stage create(TargetRuntime t, EngineContext x) { return new FallbackStage(x); }
    };

    private final Strategy strategy;

    Stages(Strategy strategy) {
        this.strategy = strategy;
    }

    /** The strategy this stage runs; {@code null} for the classification every target has. */
    Strategy strategy() {
        return strategy;
    }

    abstract boolean configured(TargetConfig config);

    abstract Stage create(TargetRuntime target, EngineContext context);

    /** The stages of {@code target}, in the order of healing; only those its config asks for. */
    static Stage[] of(TargetRuntime target, EngineContext context) {
        List<Stage> out = new ArrayList<>();
        for (Stages s : values()) {
            if (s.configured(target.config())) {
                out.add(s.create(target, context));
            }
        }
        return out.toArray(new Stage[0]);
    }
}
