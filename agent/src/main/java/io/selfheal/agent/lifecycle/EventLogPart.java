package io.selfheal.agent.lifecycle;

import io.selfheal.runtime.config.AgentConfig;
import java.util.Objects;

/**
 * The {@code events} settings. The event log itself is opened by {@link OnDemandAgent} in
 * {@code premain} and flushed by its shutdown hook, since every run needs it, built or not; as a
 * part it only answers what a reload does to it.
 */
final class EventLogPart implements AgentPart {
    @Override
    public String name() {
        return "events";
    }

    @Override
    public String startsAtStart(AgentConfig config) {
        return null;
    }

    @Override
    public void start(SelfhealAgent agent) {
    }

    @Override
    public OnReload reload(AgentConfig previous, AgentConfig next) {
        return Objects.equals(previous.events(), next.events()) ? OnReload.NOTHING : OnReload.RESTART_NEEDED;
    }

    @Override
    public void stop() {
    }
}
