package io.selfheal.agent.lifecycle;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigWatcher;

/**
 * {@code watch-config: true}: the config file is polled each second and reloaded when its content
 * changes, from {@code premain} on. Turning it on or off takes effect at the next start.
 */
final class ConfigWatchPart implements AgentPart {
    private static final long POLL_MILLIS = 1000;

    @Override
    public String name() {
        return "watch-config";
    }

    @Override
    public String startsAtStart(AgentConfig config) {
        return config.watchConfig() ? "watch-config" : null;
    }

    @Override
    public void start(SelfhealAgent agent) {
        if (!agent.config().watchConfig()) {
            return;
        }
        try {
            new ConfigWatcher(agent.configPath(), POLL_MILLIS, agent::reloadConfig);
        } catch (RuntimeException | LinkageError e) {
            agent.engine().fault("config watcher", e);
        }
    }

    @Override
    public OnReload reload(AgentConfig previous, AgentConfig next) {
        return previous.watchConfig() == next.watchConfig() ? OnReload.NOTHING : OnReload.RESTART_NEEDED;
    }

    @Override
    public void stop() {
    }
}
