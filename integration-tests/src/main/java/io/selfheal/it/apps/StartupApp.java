package io.selfheal.it.apps;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * For the start-up tests: calls one woven method, then waits (at most 20 s) for the agent's
 * MXBean, which the agent registers off the main thread, and reports what it finds.
 */
public final class StartupApp {
    private StartupApp() {
    }

    public static void main(String[] args) throws Exception {
        report("greeting", new Greeter().greet("ann"));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("io.selfheal:type=Agent");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!server.isRegistered(agent) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        report("mbean", server.isRegistered(agent) ? "registered" : "missing");
        if (server.isRegistered(agent)) {
            report("targets", String.valueOf(server.getAttribute(agent, "Targets")));
        }
    }

    private static void report(String name, String value) {
        System.out.println("RESULT " + name + " " + value);
    }

    /** The one woven class. */
    public static final class Greeter {
        public String greet(String name) {
            if (name.equals("ann")) {
                throw new IllegalStateException("greeter down");
            }
            return "hello " + name;
        }
    }
}
