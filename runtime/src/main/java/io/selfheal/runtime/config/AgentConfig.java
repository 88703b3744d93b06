package io.selfheal.runtime.config;

import java.util.List;

/** A whole, valid selfheal config file. {@code http} is {@code null} when the endpoint is off. */
public record AgentConfig(
        String source,
        OnConfigError onConfigError,
        EventsConfig events,
        List<TargetConfig> targets,
        HealthConfig health,
        HttpConfig http,
        boolean watchConfig) {

    public TargetConfig target(String name) {
        for (TargetConfig t : targets) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
