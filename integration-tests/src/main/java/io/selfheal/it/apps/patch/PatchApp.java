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
 * of io.selfheal:type=Agent); {@code ready} (print READY); {@code await=FILE} (wait for a file).
 */
public final class PatchApp {
    private static final Greeter GREETER = new Greeter();
    private static final PriceCalculator CALCULATOR = new PriceCalculator();
    private static final InventoryService INVENTORY = new InventoryService();
    private static final Divider DIVIDER = new Divider();
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
