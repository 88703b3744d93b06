package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.HotPatchStrategyConfig;
import io.selfheal.runtime.patch.PatchApplier;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A target's {@code hot-patch} strategy: the first failure that matches {@code on:} applies the
 * staged jar, once. The outcome is published by the applier (patch-applied or patch-rejected).
 */
final class HotPatchStrategy {
    private final HotPatchStrategyConfig config;
    private final String targetName;
    private final AtomicBoolean tried = new AtomicBoolean();

    HotPatchStrategy(HotPatchStrategyConfig config, String targetName) {
        this.config = config;
        this.targetName = targetName;
    }

    /** Applies the staged patch if {@code thrown} is the first matching failure; no-op otherwise. */
    void onFailure(Throwable thrown, PatchApplier applier) {
        if (applier == null || !config.filter().matches(thrown) || !tried.compareAndSet(false, true)) {
            return;
        }
        applier.apply(Paths.get(config.jar()), "target:" + targetName);
    }
}
