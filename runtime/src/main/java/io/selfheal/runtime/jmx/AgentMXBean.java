package io.selfheal.runtime.jmx;

/** {@code io.selfheal:type=Agent}: the agent as a whole. Open types only. */
public interface AgentMXBean {
    String getVersion();

    String getConfigPath();

    int getTargets();

    long getAgentFaults();
}
