package io.selfheal.agent.lifecycle;

import io.selfheal.runtime.config.AgentConfig;

/**
 * The checkpoint schedule ({@code checkpoints}), started with the agent when the config has
 * checkpoints. A reload leaves it as it started.
 */
final class CheckpointSchedulePart implements AgentPart {
    @Override
    public String name() {
        return "checkpoints";
    }

    @Override
    public String startsAtStart(AgentConfig config) {
        return null;
    }

    @Override
    public void start(SelfhealAgent agent) {
        if (agent.engine().checkpoints() == null) {
            return;
        }
        try {
            agent.engine().checkpoints().startSchedule();
        } catch (RuntimeException | LinkageError e) {
            agent.engine().fault("checkpoint schedule", e);
        }
    }

    @Override
    public OnReload reload(AgentConfig previous, AgentConfig next) {
        return OnReload.NOTHING;
    }

    @Override
    public void stop() {
    }
}
