package io.selfheal.runtime.jmx;

/**
 * {@code io.selfheal:type=Agent}: the agent as a whole. Open types only, so any JMX client reads
 * it without selfheal classes.
 */
public interface AgentMXBean {
    String getVersion();

    String getConfigPath();

    /** How many targets the config in force names. */
    int getTargets();

    String[] getTargetNames();

    long getTotalCalls();

    long getFailures();

    long getHealed();

    long getUnhealed();

    long getAgentFaults();

    long getUptimeMillis();

    /** HEALTHY, DEGRADED, UNHEALTHY or CRITICAL: the worst of the targets'. */
    String getHealth();

    /** The healing log's path, or null when events go to stderr only. */
    String getEventsFile();

    /** {@code host:port} of the HTTP endpoint, or null when it is off. */
    String getHttpAddress();

    /**
     * Re-reads the config file. A file with problems is rejected whole (the old config stays);
     * the answer says what happened.
     */
    String reloadConfig();
}
