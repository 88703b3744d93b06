package io.selfheal.it.apps;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * For the start-up tests. By default: calls one woven method ({@link Greeter}, not with the
 * argument {@code no-target}), says which loaders the agent's ASM, premain class and engine are
 * in, then waits (at most 20 s) for the agent's MXBean and reports what it finds. With
 * {@code parallel}: four threads load four target classes at once. With {@code when}: calls a
 * method returning a {@code java.sql} type.
 */
public final class StartupApp {
    private StartupApp() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("when")) {
            report("when", String.valueOf(new Clock().when()));
            return;
        }
        if (args.length > 0 && args[0].equals("parallel")) {
            greetFromFourThreadsAtOnce();
            return;
        }
        if (!(args.length > 0 && args[0].equals("no-target"))) {
            report("greeting", new Greeter().greet("ann"));
            report("asm-loader", loaderOf("io.selfheal.shaded.org.objectweb.asm.ClassReader"));
            report("agent-loader", loaderOf("io.selfheal.agent.AgentLauncher"));
            report("engine-loader", loaderOf("io.selfheal.runtime.engine.HealingEngine"));
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

    /** Four threads load four target classes at the same moment: the first of them builds the agent. */
    private static void greetFromFourThreadsAtOnce() throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        String[] results = new String[4];
        for (int i = 0; i < 4; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    results[n] = switch (n) {
                        case 0 -> new Parallel0().greet("ann");
                        case 1 -> new Parallel1().greet("ann");
                        case 2 -> new Parallel2().greet("ann");
                        default -> new Parallel3().greet("ann");
                    };
                } catch (Throwable e) {
                    results[n] = "threw " + e;
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        for (int i = 0; i < 4; i++) {
            report("parallel" + i, results[i]);
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

    /** Loaded by one thread each in the {@code parallel} mode: four classes, so four class loads race the build. */
    public static final class Parallel0 { public String greet(String name) { throw new IllegalStateException("0 down"); } }

    public static final class Parallel1 { public String greet(String name) { throw new IllegalStateException("1 down"); } }

    public static final class Parallel2 { public String greet(String name) { throw new IllegalStateException("2 down"); } }

    public static final class Parallel3 { public String greet(String name) { throw new IllegalStateException("3 down"); } }

    /** A method returning a type of the java.sql module, which the boot loader cannot see. */
    public static final class Clock {
        public java.sql.Timestamp when() {
            throw new IllegalStateException("clock down");
        }
    }

    /** Woven in the default mode. */
    public static final class Greeter {
        public String greet(String name) {
            if (name.equals("ann")) {
                throw new IllegalStateException("greeter down");
            }
            return "hello " + name;
        }
    }
}
