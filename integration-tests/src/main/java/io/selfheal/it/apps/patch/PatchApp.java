package io.selfheal.it.apps.patch;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Paths;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * Runs a script of steps given as arguments ({@code command:label=parameter}) and prints
 * {@code RESULT label value} for each, so a test drives a patch scenario in one short-lived JVM.
 * Steps: {@code greet}, {@code total}, {@code isolated}, {@code stock}, {@code divide} (call the
 * sample classes); {@code apply=JAR}, {@code rollback=ID}, {@code patches} (the JMX operations
 * of io.selfheal:type=Agent); {@code ready} (print READY); {@code await=FILE} (wait for a file);
 * {@code quotes=N} (N calls of QuoteService, printing the failures and when they ended),
 * {@code applyOn=JAR|PROBATION} (applyPatch with a probation), {@code awaitPatch=ID|STATUS} (wait
 * until the patch shows STATUS, or is gone for {@code gone}; prints the wait).
 */
public final class PatchApp {
    private static final Greeter GREETER = new Greeter();
    private static final PriceCalculator CALCULATOR = new PriceCalculator();
    private static final InventoryService INVENTORY = new InventoryService();
    private static final Divider DIVIDER = new Divider();
    private static final QuoteService QUOTES = new QuoteService();
    private static int nextQuote;
    private static Object isolatedGreeter;

    private PatchApp() {
    }

    public static void main(String[] args) throws Exception {
        isolatedGreeter = loadIsolatedGreeter();
        for (String step : args) {
            int colon = step.indexOf(':');
            String command = colon < 0 ? step : step.substring(0, colon);
            String rest = colon < 0 ? "" : step.substring(colon + 1);
            int eq = rest.indexOf('=');
            String label = eq < 0 ? rest : rest.substring(0, eq);
            String param = eq < 0 ? null : rest.substring(eq + 1);
            run(command, label, param);
        }
        System.out.println("END");
    }

    private static void run(String command, String label, String param) throws Exception {
        switch (command) {
            case "greet" -> print(label, () -> GREETER.greet("ann"));
            case "total" -> print(label, () -> CALCULATOR.total(2, 3));
            case "isolated" -> print(label, () -> isolatedGreeter.getClass().getMethod("greet", String.class)
                    .invoke(isolatedGreeter, "bob"));
            case "stock" -> print(label, () -> INVENTORY.stock("apples"));
            case "divide" -> print(label, () -> DIVIDER.divide(6, 0));
            case "apply" -> print(label, () -> jmx("applyPatch", param));
            case "rollback" -> print(label, () -> jmx("rollbackPatch", param));
            case "patches" -> print(label, PatchApp::patches);
            case "quotes" -> print(label, () -> quotes(Integer.parseInt(param)));
            case "applyOn" -> print(label, () -> {
                int bar = param.indexOf('|');
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                return server.invoke(new ObjectName("io.selfheal:type=Agent"), "applyPatch",
                        new Object[] {param.substring(0, bar), param.substring(bar + 1)},
                        new String[] {String.class.getName(), String.class.getName()});
            });
            case "awaitPatch" -> print(label, () -> awaitPatch(param.substring(0, param.indexOf('|')),
                    param.substring(param.indexOf('|') + 1)));
            case "ready" -> {
                System.out.println("READY " + ProcessHandle.current().pid());
                System.out.flush();
            }
            case "await" -> {
                long deadline = System.currentTimeMillis() + 60_000;
                while (!Files.exists(Paths.get(param)) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                print(label, () -> Files.exists(Paths.get(param)) ? "present" : "timed out");
            }
            default -> throw new IllegalArgumentException("unknown step " + command);
        }
    }

    /** The same Greeter class file, defined a second time by a loader of its own. */
    private static Object loadIsolatedGreeter() throws Exception {
        URL classes = Greeter.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
        return loader.loadClass(Greeter.class.getName()).getConstructor().newInstance();
    }

    private static Object jmx(String operation, String argument) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return server.invoke(new ObjectName("io.selfheal:type=Agent"), operation, new Object[] {argument},
                new String[] {String.class.getName()});
    }

    /** {@code failures F of N, ended at MILLIS}: the calls run back to back, failures caught. */
    private static Object quotes(int n) {
        int failures = 0;
        for (int k = 0; k < n; k++) {
            try {
                if (QUOTES.quote(nextQuote++) < 0) {
                    failures++;   // the fallback's answer
                }
            } catch (RuntimeException e) {
                failures++;
            }
        }
        return "failures " + failures + " of " + n + ", ended at " + System.currentTimeMillis();
    }

    /** Waits up to 20 s for patch {@code id} to show {@code status} (or to be gone); says how long it took. */
    private static Object awaitPatch(String id, String status) throws Exception {
        long start = System.currentTimeMillis();
        while (System.currentTimeMillis() - start < 20_000) {
            String now = statusOf(id);
            if (status.equals(now)) {
                return status + " after " + (System.currentTimeMillis() - start) + " ms";
            }
            Thread.sleep(20);
        }
        return "still " + statusOf(id) + " after 20 s";
    }

    private static String statusOf(String id) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (CompositeData row : (CompositeData[]) server.invoke(new ObjectName("io.selfheal:type=Agent"), "patches",
                new Object[0], new String[0])) {
            if (row.get("id").equals(id)) {
                return (String) row.get("status");
            }
        }
        return "gone";
    }

    private static Object patches() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        CompositeData[] rows = (CompositeData[]) server.invoke(new ObjectName("io.selfheal:type=Agent"), "patches",
                new Object[0], new String[0]);
        StringBuilder sb = new StringBuilder();
        for (CompositeData row : rows) {
            sb.append(sb.length() == 0 ? "" : " | ").append(row.get("id")).append(' ').append(row.get("status"))
                    .append(' ').append(String.join(",", (String[]) row.get("classes")));
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    interface Call {
        Object call() throws Exception;
    }

    private static void print(String label, Call call) {
        String value;
        try {
            value = String.valueOf(call.call());
        } catch (Throwable t) {
            Throwable root = t;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            value = "threw " + root.getClass().getName() + ": " + root.getMessage();
        }
        System.out.println("RESULT " + label + " " + value);
        System.out.flush();
    }
}
