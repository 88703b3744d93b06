package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.Strategy;
import io.selfheal.runtime.config.TargetConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry of stages, in the order of healing: one line per stage, saying which strategy it
 * runs and how it is made; a target has the stages whose blocks its config has ({@link
 * TargetConfig#uses}), unless a line says otherwise. A new strategy is its config
 * record, its stage class and one line here; the pipeline and the weaver do not change.
 *
 * <p>Enum constants with bodies rather than lambdas: targets are built at agent start, where a first
 * lambda spins hidden classes (benchmarks/README.md, Start-up).
 */
enum Stages {
    /** Not a strategy of its own: an OutOfMemoryError that retry.on lists has memory reclaimed before anything allocates. */
    RECLAIM_MEMORY(null) {
        @Override boolean configured(TargetConfig c) { return c.retry() != null && c.retry().retriesOutOfMemory(); }
        @Override Stage create(TargetRuntime t, EngineContext x) { return new OutOfMemoryStage(); }
    },
    TIMEOUT(Strategy.TIMEOUT) {
        @Override Stage create(TargetRuntime t, EngineContext x) { return new TimeoutStage(x.events()); }
    },
    /** Not a strategy of its own: every target classifies, counts and reports a failure. */
    CLASSIFY(null) {
        @Override boolean configured(TargetConfig c) { return true; }
        @Override Stage create(TargetRuntime t, EngineContext x) { return new ClassifyStage(x); }
    },
    /** Inside the circuit breaker and the bulkhead: a call they refuse never takes a slot. */
    CONCURRENCY_LIMIT(Strategy.CONCURRENCY_LIMIT) {
        @Override Stage create(TargetRuntime t, EngineContext x) { return new ConcurrencyLimitStage(t); }
    },
    RESTORE_CHECKPOINT(Strategy.RESTORE_CHECKPOINT) {
        @Override Stage create(TargetRuntime t, EngineContext x) { return new RestoreCheckpointStage(x.state()); }
    },
    RESTORE(Strategy.RESTORE) {
        @Override Stage create(TargetRuntime t, EngineContext x) { return new RestoreStage(x.state()); }
    },
    HOT_PATCH(Strategy.HOT_PATCH) {
        @Override Stage create(TargetRuntime t, EngineContext x) { return new HotPatchStage(t.hotPatch(), x); }
    },
    CIRCUIT_BREAKER(Strategy.CIRCUIT_BREAKER) {
        @Override Stage create(TargetRuntime t, EngineContext x) { return new CircuitBreakerStage(t.breaker(), x); }
    },
    ISOLATE(Strategy.ISOLATE) {
        @Override Stage create(TargetRuntime t, EngineContext x) { return new IsolateStage(t, x); }
    },
    /**
     * Placed after the circuit breaker and the bulkhead because admission runs this list backwards:
     * the rate limit is asked first, so a refused call holds nothing and the circuit never sees it.
     */
    RATE_LIMIT(Strategy.RATE_LIMIT) {
        @Override Stage create(TargetRuntime t, EngineContext x) { return new RateLimitStage(t.rateLimiter(), x); }
    },
    /** With {@code strategy: adaptive} too: its retry and restore candidates re-run the body. */
    RETRY(Strategy.RETRY) {
        @Override boolean configured(TargetConfig c) { return c.uses(Strategy.RETRY) || c.adaptive() != null; }
        @Override Stage create(TargetRuntime t, EngineContext x) { return new RetryStage(x); }
    },
    /** With {@code strategy: adaptive} too: its guard candidates act, then the chain answers. */
    FALLBACK(Strategy.FALLBACK) {
        @Override boolean configured(TargetConfig c) { return c.uses(Strategy.FALLBACK) || c.adaptive() != null; }
        @Override Stage create(TargetRuntime t, EngineContext x) { return new FallbackStage(x); }
    };

    /** The strategy this stage runs; {@code null} for the classification every target has. */
    private final Strategy strategy;

    Stages(Strategy strategy) {
        this.strategy = strategy;
    }

    /** Whether the target has this stage: by default, when its config has the strategy's block. */
    boolean configured(TargetConfig config) {
        return config.uses(strategy);
    }

    abstract Stage create(TargetRuntime target, EngineContext context);

    /** The strategies of the stages {@link #of} makes for {@code config}, in the same order. */
    static Strategy[] strategiesOf(TargetConfig config) {
        List<Strategy> out = new ArrayList<>();
        for (Stages s : values()) {
            if (s.configured(config)) {
                out.add(s.strategy);
            }
        }
        return out.toArray(new Strategy[0]);
    }

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
