package io.selfheal.agent.lifecycle;

import io.selfheal.runtime.config.AgentConfig;

/**
 * The health sampler ({@code health}), started with the agent; a reload changes its window and
 * thresholds at the next sample.
 */
final class HealthSamplerPart implements AgentPart {
    /** Set by {@link #start}; a reload comes only after it. */
    private volatile SelfhealAgent agent;

    @Override
    public String name() {
        return "health";
    }

    @Override
    public String startsAtStart(AgentConfig config) {
        return null;
    }

    @Override
    public void start(SelfhealAgent agent) {
        this.agent = agent;
        try {
            agent.health().start();
        } catch (RuntimeException | LinkageError e) {
            agent.engine().fault("health sampler", e);
        }
    }

    @Override
    public OnReload reload(AgentConfig previous, AgentConfig next) {
        agent.health().reconfigure(next.health());
        return OnReload.APPLIED_LIVE;
    }

    @Override
    public void stop() {
    }
}
