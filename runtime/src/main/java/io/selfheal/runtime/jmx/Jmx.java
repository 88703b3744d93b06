package io.selfheal.runtime.jmx;

import io.selfheal.bootstrap.PlatformMBeanServerHook;
import io.selfheal.runtime.engine.FaultInjection;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.TargetRuntime;
import io.selfheal.runtime.health.HealthMonitor;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Registers selfheal's MXBeans on the platform MBean server, which the agent does not create
 * itself: see {@link #registerWhenPlatformServerStarts}.
 */
public final class Jmx {
    public static final String AGENT_NAME = "io.selfheal:type=Agent";
    public static final String TARGETS_PATTERN = "io.selfheal:type=Target,*";

    private Jmx() {
    }

    /**
     * Runs {@code registration} on the platform MBean server: when that server is first created
     * (by whoever asks for it first), or now if it exists already or cannot be waited for. Either
     * way the beans are registered before anyone can query the server.
     *
     * @return true when the registration waits for the server's creation
     */
    public static boolean registerWhenPlatformServerStarts(Consumer<MBeanServer> registration) {
        FaultInjection.at(FaultInjection.JMX);
        if (PlatformMBeanServerHook.defer(registration)) {
            return true;
        }
        registration.accept(ManagementFactory.getPlatformMBeanServer());
        return false;
    }

    /** Registers (or replaces) {@code bean} under {@code name}. */
    public static void register(MBeanServer server, String name, Object bean) throws Exception {
        FaultInjection.at(FaultInjection.JMX);
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
    public static void syncTargets(MBeanServer server, HealingEngine engine, HealthMonitor health) throws Exception {
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
