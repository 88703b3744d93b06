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
        boolean watchConfig) {

    /** Where the agent keeps what must survive a restart (applied patches, ...). */
    public static final String DEFAULT_STATE_DIR = ".selfheal/";

    public TargetConfig target(String name) {
        for (TargetConfig t : targets) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
