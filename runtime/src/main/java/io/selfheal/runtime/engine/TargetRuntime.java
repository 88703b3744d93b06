package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.TargetConfig;

/** The live state of one configured target: its policies and counts, shared by all its sites. */
public final class TargetRuntime {
    private final TargetConfig config;
    private final TargetStats stats = new TargetStats();
    private final RetryPolicy retry;
    private final HotPatchStrategy hotPatch;

    TargetRuntime(TargetConfig config) {
        this.config = config;
        this.retry = config.retry() == null ? null : new RetryPolicy(config.retry());
        this.hotPatch = config.hotPatch() == null ? null : new HotPatchStrategy(config.hotPatch(), config.name());
    }

    public String name() {
        return config.name();
    }

    public TargetConfig config() {
        return config;
    }

    public TargetStats stats() {
        return stats;
    }

    RetryPolicy retry() {
        return retry;
    }

    HotPatchStrategy hotPatch() {
        return hotPatch;
    }
}
