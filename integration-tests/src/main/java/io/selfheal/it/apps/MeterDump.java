package io.selfheal.it.apps;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * What the application's own Micrometer holds, read through its API by reflection (the apps are
 * compiled without Micrometer; the test puts it on the class path): one line per {@code selfheal}
 * meter in {@code Metrics.globalRegistry}, {@code METER <name> <type> <target or -> <value>}.
 */
final class MeterDump {
    private MeterDump() {
    }

    /**
     * As an application with Micrometer does (Spring Boot binds its registries so): a registry
     * that keeps values, a {@code SimpleMeterRegistry}, in the global one. Nothing without Micrometer.
     */
    static void addSimpleRegistryIfPresent() throws Exception {
        Class<?> metrics;
        try {
            metrics = Class.forName("io.micrometer.core.instrument.Metrics");
        } catch (ClassNotFoundException absent) {
            return;
        }
        Class<?> registry = Class.forName("io.micrometer.core.instrument.MeterRegistry");
        Object simple = Class.forName("io.micrometer.core.instrument.simple.SimpleMeterRegistry")
                .getConstructor().newInstance();
        metrics.getMethod("addRegistry", registry).invoke(null, simple);
    }

    static List<String> lines() throws Exception {
        List<String> lines = new ArrayList<>();
        Class<?> metrics = Class.forName("io.micrometer.core.instrument.Metrics");
        Object registry = metrics.getField("globalRegistry").get(null);
        for (Object meter : (List<?>) registry.getClass().getMethod("getMeters").invoke(registry)) {
            Object id = method(meter, "getId").invoke(meter);
            String name = (String) method(id, "getName").invoke(id);
            if (!name.startsWith("selfheal.")) {
                continue;
            }
            String target = (String) method(id, "getTag", String.class).invoke(id, "target");
            Object type = method(id, "getType").invoke(id);
            double value = 0;
            for (Object m : (Iterable<?>) method(meter, "measure").invoke(meter)) {
                value = (double) method(m, "getValue").invoke(m);
            }
            lines.add("METER " + name + " " + type + " " + (target == null ? "-" : target) + " " + value);
        }
        return lines;
    }

    /** A public method as declared by a public type (the meter classes themselves may not be). */
    private static Method method(Object o, String name, Class<?>... params) throws NoSuchMethodException {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                try {
                    return i.getMethod(name, params);
                } catch (NoSuchMethodException next) {
                    // look further
                }
            }
        }
        return o.getClass().getMethod(name, params);
    }
}
