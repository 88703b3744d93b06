package io.selfheal.runtime.jmx;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Registers selfheal's MXBeans on the platform MBean server. */
public final class Jmx {
    public static final String AGENT_NAME = "io.selfheal:type=Agent";

    private Jmx() {
    }

    /** Registers (or replaces) {@code bean} under {@code name}. */
    public static void register(String name, Object bean) throws Exception {
        if (io.selfheal.runtime.engine.FaultInjection.JMX) {
            throw io.selfheal.runtime.engine.FaultInjection.fault("jmx");
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName on = new ObjectName(name);
        if (server.isRegistered(on)) {
            server.unregisterMBean(on);
        }
        server.registerMBean(bean, on);
    }
}
