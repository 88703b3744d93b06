package io.selfheal.runtime.jmx;

import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.health.HealthMonitor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target's MBean figures as a map by attribute name ({@code Calls}, {@code CircuitState}, ...),
 * read from the very bean JMX shows ({@link TargetBean}), so code ({@code SelfHeal.stats}) and
 * JMX never disagree, and an attribute added to {@link TargetMXBean} is in the map at once. Values
 * are JDK types only (the map crosses into the application's class loader).
 */
public final class TargetFigures {
    /** The MXBean's attribute getters, in name order: {@code getX()} and {@code isX()} with no parameters. */
    private static final List<Method> GETTERS = getters();

    private TargetFigures() {
    }

    /** The figures of {@code name}, or {@code null} when the engine has no such target. */
    public static Map<String, Object> of(String name, HealingEngine engine, HealthMonitor health) {
        if (engine.target(name) == null) {
            return null;
        }
        TargetBean bean = new TargetBean(name, engine, health);
        Map<String, Object> figures = new LinkedHashMap<>();
        for (Method m : GETTERS) {
            try {
                Object value = m.invoke(bean);
                figures.put(attribute(m), value instanceof String[] a ? List.of(a) : value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("reading " + m.getName() + " of target '" + name + "'",
                        e.getCause() != null ? e.getCause() : e);
            }
        }
        return Collections.unmodifiableMap(figures);
    }

    private static List<Method> getters() {
        return Arrays.stream(TargetMXBean.class.getMethods())
                .filter(m -> m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                        && (m.getName().startsWith("get") && m.getReturnType() != void.class
                                || m.getName().startsWith("is") && m.getReturnType() == boolean.class))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    private static String attribute(Method m) {
        return m.getName().substring(m.getName().startsWith("is") ? 2 : 3);
    }
}
