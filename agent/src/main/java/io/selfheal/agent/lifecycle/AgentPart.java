package io.selfheal.agent.lifecycle;

import io.selfheal.runtime.config.AgentConfig;

/**
 * One part of the running agent around its engine (the checkpoint schedule, the health sampler,
 * hot patching, look-ahead, the HTTP endpoint, the config watcher, the MXBeans, and the event
 * log's settings): whether it needs the agent built at start, how it starts, what a config
 * reload does to it, and what it does at the JVM's shutdown. The one place each of these is
 * answered: {@link SelfhealAgent} holds the parts in a list and drives
 * start, reload and shutdown through it; {@link OnDemandAgent} asks the list whether to build the
 * agent in {@code premain}.
 */
interface AgentPart {
    /** What a config reload does to a part. */
    enum OnReload {
        /** The reload cannot change it: the answer and the {@code config-reloaded} event name it. */
        RESTART_NEEDED,
        /** The new config is in force when {@link #reload} returns. */
        APPLIED_LIVE,
        /** Nothing: the part goes on as it started. */
        NOTHING
    }

    /** The part's name in a restart note: the config key it follows. */
    String name();

    /**
     * Why the agent must be built in {@code premain} for this part (it acts on its own from the
     * start), or {@code null} when it can wait for the agent's first use.
     */
    String startsAtStart(AgentConfig config);

    /**
     * Starts the part, as far as the config asks, once the agent is built and its engine is behind
     * the gateway. It reports its own faults (as {@code agent-fault} events) and never throws: the
     * agent goes on without it.
     */
    void start(SelfhealAgent agent);

    /** What reloading {@code next} over {@code previous} does to the part, having done it. */
    OnReload reload(AgentConfig previous, AgentConfig next);

    /** At the JVM's shutdown, before the event log's last flush. */
    void stop();
}
