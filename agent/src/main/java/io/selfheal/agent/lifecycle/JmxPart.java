package io.selfheal.agent.lifecycle;

import io.selfheal.agent.boot.AgentVersion;
import io.selfheal.agent.boot.StartupTrace;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.jmx.AgentBean;
import io.selfheal.runtime.jmx.Jmx;
import javax.management.MBeanServer;

/**
 * The Agent and Target MXBeans. They wait for the platform MBean server: {@link OnDemandAgent}
 * registers them when the server is first created (building the agent then if it was not yet),
 * so a JVM that never uses JMX never pays the server's start. A reload registers and unregisters
 * Target beans to follow the targets.
 */
final class JmxPart implements AgentPart {
    private final String eventsFile;
    private final HttpEndpointPart http;
    /** When the agent started ({@code agent-started}): the Agent bean's uptime counts from here, not from its own making. */
    private final long startMillis;
    private final Object lock = new Object();
    /** Set by {@link #start}; guarded by lock. */
    private SelfhealAgent agent;
    /** The server the beans are on; {@code null} until the platform MBean server starts. Guarded by lock. */
    private MBeanServer server;

    /** @param eventsFile the event log's file, for the Agent bean; {@code null} when events go to stderr */
    JmxPart(String eventsFile, HttpEndpointPart http, long startMillis) {
        this.eventsFile = eventsFile;
        this.http = http;
        this.startMillis = startMillis;
    }

    @Override
    public String name() {
        return "jmx";
    }

    @Override
    public String startsAtStart(AgentConfig config) {
        return null;
    }

    @Override
    public void start(SelfhealAgent agent) {
        synchronized (lock) {
            this.agent = agent;
        }
    }

    /** Registers the Agent and Target MXBeans on {@code server}; called when the platform MBean server starts. */
    void registerOn(MBeanServer server) {
        synchronized (lock) {
            if (agent == null) {
                return;
            }
            SelfhealAgent running = agent;
            try {
                Jmx.register(server, Jmx.AGENT_NAME, new AgentBean(AgentVersion.get(),
                        () -> running.configPath().toAbsolutePath().toString(), running.engine(), running.health(),
                        running::reloadConfig, () -> eventsFile, http::address, startMillis));
                Jmx.syncTargets(server, running.engine(), running.health());
                this.server = server;
                StartupTrace.mark("mbeans registered");
            } catch (Exception | LinkageError e) {
                running.engine().fault("jmx", e);
            }
        }
    }

    /** Target beans follow a reload; before JMX starts there is nothing to follow (it registers the targets of then). */
    @Override
    public OnReload reload(AgentConfig previous, AgentConfig next) {
        synchronized (lock) {
            if (server != null) {
                try {
                    Jmx.syncTargets(server, agent.engine(), agent.health());
                } catch (Exception | LinkageError e) {
                    agent.engine().fault("jmx", e);
                }
            }
        }
        return OnReload.APPLIED_LIVE;
    }

    @Override
    public void stop() {
    }
}
