package io.selfheal.runtime.jmx;

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
}
