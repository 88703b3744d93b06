package io.selfheal.runtime.jmx;

import io.selfheal.runtime.patch.PatchApplier;
import io.selfheal.runtime.patch.PatchInfo;
import io.selfheal.runtime.patch.PatchOutcome;
import java.nio.file.Paths;
import java.util.List;

import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.state.Checkpoints;

/** The implementation behind {@code io.selfheal:type=Agent}. */
public class AgentBean implements AgentMXBean {
    private final String version;
    private final String configPath;
    private final HealingEngine engine;

    public AgentBean(String version, String configPath, HealingEngine engine) {
        this.version = version;
        this.configPath = configPath;
        this.engine = engine;
    }

    @Override
    public String getVersion() {
        return version;
    }

    @Override
    public String getConfigPath() {
        return configPath;
    }

    @Override
    public int getTargets() {
        return engine.targets().size();
    }

    @Override
    public long getAgentFaults() {
        return engine.faults().count();
    }

    @Override
    public String createCheckpoint() {
        return checkpoints().create("jmx").id();
    }

    @Override
    public void restoreCheckpoint(String id) {
        checkpoints().restore(id, "jmx");
    }

    private Checkpoints checkpoints() {
        Checkpoints c = engine.checkpoints();
        if (c == null) {
            throw new IllegalStateException("the config has no 'checkpoints:' block; there is nothing to checkpoint");
        }
        return c;
    }

    @Override
    public String applyPatch(String path) {
        PatchOutcome outcome = patchApplier().apply(Paths.get(path), "jmx");
        return answer(outcome);
    }

    @Override
    public String rollbackPatch(String id) {
        return answer(patchApplier().rollback(id, "jmx"));
    }

    @Override
    public List<PatchInfo> patches() {
        return patchApplier().patches();
    }

    private PatchApplier patchApplier() {
        PatchApplier applier = engine.patchApplier();
        if (applier == null) {
            throw new IllegalStateException("hot patching is not available in this JVM (the agent could not set it up)");
        }
        return applier;
    }

    /** A refusal becomes an exception of a JDK type, so any JMX client can read its reason. */
    private static String answer(PatchOutcome outcome) {
        if (!outcome.done()) {
            throw new IllegalArgumentException(outcome.message());
        }
        return outcome.message();
    }
}
