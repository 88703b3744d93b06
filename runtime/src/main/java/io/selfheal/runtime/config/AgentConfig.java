package io.selfheal.runtime.config;

import java.util.List;

/** A whole, valid selfheal config file. {@code checkpoints} and {@code http} are {@code null} when not configured. */
public record AgentConfig(
        String source,
        OnConfigError onConfigError,
        EventsConfig events,
        StrategiesConfig strategies,
        List<TargetConfig> targets,
        CheckpointsConfig checkpoints,
        HotPatchConfig hotPatch,
        String stateDir,
        HealthConfig health,
        HttpConfig http,
        boolean watchConfig,
        PoliciesConfig policies,
        MemoryConfig memory,
        DrillsConfig drills,
        ObservabilityConfig observability) {

    /** Where state is kept across restarts (applied patches, memory) when {@code state-dir} is not set. */
    public static final String DEFAULT_STATE_DIR = ".selfheal/";

    /** {@code state-dir} as written, or the default. */
    public String stateDirOrDefault() {
        return stateDir == null ? DEFAULT_STATE_DIR : stateDir;
    }

    /** True when something is to be remembered across restarts: {@code state-dir} set, or a target with {@code remember}. */
    public boolean remembers() {
        if (stateDir != null) {
            return true;
        }
        for (TargetConfig t : targets) {   // loops, not streams: both run at every agent start
            if (t.remember()) {
                return true;
            }
        }
        return false;
    }

    /** True when the look-ahead has anything to do: it looks ahead, or it remembers. */
    public boolean needsLookAhead() {
        return looksAhead() || remembers();
    }

    /** True when a background look-ahead thread has work: prediction on a target, or policy rules. */
    public boolean looksAhead() {
        if (policies != null && !policies.rules().isEmpty()) {
            return true;
        }
        for (TargetConfig t : targets) {
            if (t.predicts()) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the JVM's memory is watched: a {@code memory:} block, or a policy condition on
     * {@code heap-after-gc} or {@code gc-time}. Otherwise nothing of it is registered or loaded.
     */
    public boolean watchesMemory() {
        if (memory != null) {
            return true;
        }
        if (policies != null) {
            for (PolicyRule rule : policies.rules()) {
                for (io.selfheal.runtime.rules.Condition c : rule.when()) {
                    if (c.metric().jvmWide()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    public TargetConfig target(String name) {
        for (TargetConfig t : targets) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
