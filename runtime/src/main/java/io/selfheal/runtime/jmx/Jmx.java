package io.selfheal.runtime.jmx;

import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.TargetRuntime;
import io.selfheal.runtime.health.HealthMonitor;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** Registers selfheal's MXBeans on the platform MBean server. */
public final class Jmx {
    public static final String AGENT_NAME = "io.selfheal:type=Agent";
    public static final String TARGETS_PATTERN = "io.selfheal:type=Target,*";

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

    /** {@code io.selfheal:type=Target,name=<target>}, the name quoted when it holds JMX's special characters. */
    public static ObjectName targetName(String target) {
        try {
            ObjectName plain = plainTargetName(target);
            if (plain != null) {
                return plain;
            }
            return new ObjectName("io.selfheal:type=Target,name=" + ObjectName.quote(target));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectName plainTargetName(String target) {
        try {
            ObjectName on = new ObjectName("io.selfheal:type=Target,name=" + target);
            return !on.isPattern() && target.equals(on.getKeyProperty("name")) && on.getKeyPropertyList().size() == 2
                    ? on : null;
        } catch (MalformedObjectNameException e) {
            return null;
        }
    }

    /** Makes the registered target MBeans match the engine's targets: adds new ones, removes gone ones. */
    public static void syncTargets(HealingEngine engine, HealthMonitor health) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> wanted = new HashSet<>();
        for (TargetRuntime t : engine.targets()) {
            ObjectName on = targetName(t.name());
            wanted.add(on);
            if (!server.isRegistered(on)) {
                server.registerMBean(new TargetBean(t.name(), engine, health), on);
            }
        }
        for (ObjectName on : server.queryNames(new ObjectName(TARGETS_PATTERN), null)) {
            if (!wanted.contains(on)) {
                server.unregisterMBean(on);
            }
        }
    }
}
