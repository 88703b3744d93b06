package io.selfheal.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import io.selfheal.runtime.jmx.Jmx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.AttributeList;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JMX connection to a running JVM found by its pid: the Attach API starts (or finds) that JVM's
 * local management agent and hands back its connector address. No agent jar is loaded into it.
 */
final class LiveJvm implements AutoCloseable {
    static final String AGENT = "io.selfheal:type=Agent";
    private static final String[] AGENT_ATTRIBUTES = {"Version", "ConfigPath", "Health", "UptimeMillis",
        "TotalCalls", "Failures", "Healed", "Unhealed", "AgentFaults", "EventsFile", "HttpAddress",
        "MemoryWatched", "HeapAfterGc", "GcTime", "MemoryReclaims"};
    private static final String[] TARGET_ATTRIBUTES = {"Name", "Calls", "Failures", "Healed", "Unhealed",
        "Retries", "Fallbacks", "ShortCircuits", "CircuitState", "Isolated", "FailuresInWindow", "Health",
        "ErrorRate", "LastErrorType", "LastErrorMessage", "LastErrorTime", "LatencyMeasured",
        "LatencyP50Millis", "LatencyP99Millis", "ConcurrencyLimit", "InFlight"};

    private final String pid;
    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private LiveJvm(String pid, JMXConnector connector) throws IOException {
        this.pid = pid;
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    static LiveJvm attach(String pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        return new LiveJvm(pid, JMXConnectorFactory.connect(new JMXServiceURL(address)));
    }

    /** True when the selfheal agent runs in that JVM (its MBean is there). */
    boolean hasAgent() throws IOException {
        return awaitAgentBean(server);
    }

    /**
     * The agent registers its MBeans on a background thread just after start: give a JVM that
     * started a moment ago up to 5 s before saying the agent is not there.
     */
    static boolean awaitAgentBean(javax.management.MBeanServerConnection server) throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            if (server.isRegistered(name(AGENT))) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The JVM's MBean server, for commands that call operations of their own. */
    MBeanServerConnection server() {
        return server;
    }

    Object agentAttribute(String attribute) throws Exception {
        return server.getAttribute(name(AGENT), attribute);
    }

    /** Everything {@code status} shows, as plain maps and lists (ready for a table or for JSON). */
    Map<String, Object> snapshot() throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("pid", Long.parseLong(pid));
        putAll(root, server.getAttributes(name(AGENT), AGENT_ATTRIBUTES));
        List<Map<String, Object>> targets = new ArrayList<>();
        // In the config's order; a target that a reload removed meanwhile is left out.
        for (String target : (String[]) server.getAttribute(name(AGENT), "TargetNames")) {
            ObjectName on = Jmx.targetName(target);
            if (!server.isRegistered(on)) {
                continue;
            }
            Map<String, Object> t = new LinkedHashMap<>();
            putAll(t, server.getAttributes(on, TARGET_ATTRIBUTES));
            targets.add(t);
        }
        root.put("targets", targets);
        root.put("patches", patches());
        return root;
    }

    /** The applied patches: id, status ({@code on-probation}, {@code kept}, ...), sha256 and how the probation stands. */
    private List<Map<String, Object>> patches() throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        Object rows = server.invoke(name(AGENT), "patches", new Object[0], new String[0]);
        for (javax.management.openmbean.CompositeData row : (javax.management.openmbean.CompositeData[]) rows) {
            Map<String, Object> p = new LinkedHashMap<>();
            for (String key : new String[] {"id", "status", "sha256", "probation"}) {
                p.put(key, row.containsKey(key) ? row.get(key) : null);
            }
            out.add(p);
        }
        return out;
    }

    private static void putAll(Map<String, Object> into, AttributeList attributes) {
        for (javax.management.Attribute a : attributes.asList()) {
            into.put(Character.toLowerCase(a.getName().charAt(0)) + a.getName().substring(1), a.getValue());
        }
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // the JVM may be gone already
        }
    }
}
