package io.selfheal.agent.lifecycle;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.time.Clock;
import io.selfheal.runtime.lookahead.LookAhead;

/**
 * Prediction, policies and the agent's memory: a daemon thread, only when the config asks for one
 * of them, and then from {@code premain} on. The memory is saved one last time at shutdown. A
 * reload leaves it as it started.
 */
final class LookAheadPart implements AgentPart {
    /** Set by {@link #start}, read by the shutdown hook's thread. */
    private volatile LookAhead lookAhead;

    @Override
    public String name() {
        return "look-ahead";
    }

    @Override
    public String startsAtStart(AgentConfig config) {
        return config.needsLookAhead() ? "look-ahead" : null;
    }

    @Override
    public void start(SelfhealAgent agent) {
        if (!agent.config().needsLookAhead()) {
            return;   // without touching LookAhead: its classes are a few milliseconds at the first weave
        }
        try {
            lookAhead = LookAhead.startIfConfigured(agent.config(), agent.engine(), Clock.SYSTEM, agent.health());
        } catch (RuntimeException | LinkageError e) {
            agent.engine().fault("look-ahead", e);
        }
    }

    @Override
    public OnReload reload(AgentConfig previous, AgentConfig next) {
        return OnReload.NOTHING;
    }

    @Override
    public void stop() {
        LookAhead started = lookAhead;
        if (started != null) {
            started.stop();
        }
    }
}
