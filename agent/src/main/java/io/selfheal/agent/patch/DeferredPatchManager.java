package io.selfheal.agent.patch;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.patch.PatchApplier;
import io.selfheal.runtime.patch.PatchInfo;
import io.selfheal.runtime.patch.PatchOutcome;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.List;

/**
 * The engine's patch applier until the first patch request, which makes the {@link PatchManager}
 * (see {@link HotPatching#start}). Before that no patch can have been applied in this JVM.
 */
final class DeferredPatchManager implements PatchApplier {
    private final HotPatching hotPatching;
    private final AgentConfig config;
    private final Instrumentation inst;
    private final HealingEngine engine;

    DeferredPatchManager(HotPatching hotPatching, AgentConfig config, Instrumentation inst, HealingEngine engine) {
        this.hotPatching = hotPatching;
        this.config = config;
        this.inst = inst;
        this.engine = engine;
    }

    @Override
    public PatchOutcome apply(Path jar, String via) {
        return manager().apply(jar, via);
    }

    @Override
    public PatchOutcome rollback(String id, String via) {
        return manager().rollback(id, via);
    }

    @Override
    public List<PatchInfo> patches() {
        return manager().patches();
    }

    private PatchManager manager() {
        return hotPatching.manager(config, inst, engine);
    }
}
