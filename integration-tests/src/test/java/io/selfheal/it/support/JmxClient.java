package io.selfheal.it.support;

import com.sun.tools.attach.VirtualMachine;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A real JMX connection to a child JVM, the way JConsole makes one: the Attach API starts the
 * child's local management agent and gives its address. The test JVM has no selfheal classes
 * on its class path that the MBeans could need: open types only.
 */
public final class JmxClient implements AutoCloseable {
    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private JmxClient(JMXConnector connector) throws Exception {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
        // The agent registers its MBeans on a background thread just after start.
        ObjectName agent = new ObjectName("io.selfheal:type=Agent");
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!server.isRegistered(agent) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    public static JmxClient attach(long pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            return new JmxClient(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } catch (Exception e) {
            throw new AssertionError("cannot reach JVM " + pid + " over JMX", e);
        }
    }

    public MBeanServerConnection server() {
        return server;
    }

    public Object get(String objectName, String attribute) {
        try {
            return server.getAttribute(new ObjectName(objectName), attribute);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + objectName + " " + attribute, e);
        }
    }

    public Object invoke(String objectName, String operation) {
        try {
            return server.invoke(new ObjectName(objectName), operation, new Object[0], new String[0]);
        } catch (Exception e) {
            throw new AssertionError("cannot invoke " + objectName + " " + operation, e);
        }
    }

    @Override
    public void close() throws Exception {
        connector.close();
    }
}
