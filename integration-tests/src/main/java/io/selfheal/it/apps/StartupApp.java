package io.selfheal.it.apps;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * For the start-up tests: calls one woven method (not with the argument {@code no-target}), says
 * which loader the agent's ASM runs in, then waits (at most 20 s) for the agent's MXBean and
 * reports what it finds.
 */
public final class StartupApp {
    private StartupApp() {
    }

    public static void main(String[] args) throws Exception {
        if (!(args.length > 0 && args[0].equals("no-target"))) {
            report("greeting", new Greeter().greet("ann"));
            report("asm-loader", loaderOf("io.selfheal.shaded.org.objectweb.asm.ClassReader"));
        }
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

    private static String loaderOf(String className) {
        try {
            ClassLoader loader = Class.forName(className, false, ClassLoader.getSystemClassLoader()).getClassLoader();
            return loader == null ? "boot" : loader == ClassLoader.getSystemClassLoader() ? "app" : loader.toString();
        } catch (ClassNotFoundException e) {
            return "none";
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
