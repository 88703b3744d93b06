package io.selfheal.runtime.memory;

import io.selfheal.runtime.config.ReclaimerEntry;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;

/**
 * One reclaimer of {@code memory.reclaimers}, resolved in the loader that loaded its class: a
 * static method taking no arguments or {@code (double pressure)}, or a static field holding a
 * {@code Map} or {@code Collection}. Until its class has loaded it is pending (there is nothing of
 * that class to give back); a member that does not fit is invalid and never runs.
 */
final class Reclaimer {
    enum State { PENDING, READY, INVALID }

    private final ReclaimerEntry entry;
    private volatile State state = State.PENDING;
    private volatile String problem;
    private volatile String loaderName;
    private Method method;
    private boolean takesPressure;
    private Field field;

    Reclaimer(ReclaimerEntry entry) {
        this.entry = entry;
    }

    ReclaimerEntry entry() {
        return entry;
    }

    String name() {
        return entry.name();
    }

    State state() {
        return state;
    }

    String problem() {
        return problem;
    }

    /** Which loader found the class, for the problem and the status. */
    String loaderName() {
        return loaderName;
    }

    /**
     * Checks the member in {@code type}, the class as its loader loaded it; returns the problem, or
     * null when the reclaimer is ready to run.
     */
    String resolve(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        loaderName = loader == null ? "the boot loader" : loader.getName() != null ? "loader '" + loader.getName()
                + "'" : loader.getClass().getName();
        String found = entry.kind() == ReclaimerEntry.Kind.INVOKE ? resolveMethod(type) : resolveField(type);
        problem = found;
        state = found == null ? State.READY : State.INVALID;
        return found;
    }

    private String resolveMethod(Class<?> type) {
        Method withPressure = null;
        Method plain = null;
        Method nearest = null;
        for (Method m : type.getDeclaredMethods()) {
            if (!m.getName().equals(entry.member())) {
                continue;
            }
            nearest = m;
            if (!Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Class<?>[] p = m.getParameterTypes();
            if (p.length == 0) {
                plain = m;
            } else if (p.length == 1 && p[0] == double.class) {
                withPressure = m;
            }
        }
        Method chosen = withPressure != null ? withPressure : plain;
        if (chosen == null) {
            return "reclaimer method " + entry.className() + "#" + entry.member() + " must be static and take no"
                    + " arguments or (double pressure)" + (nearest == null ? "; there is no method of that name"
                            : "; found " + describe(nearest)) + " (class loaded by " + loaderName + ")";
        }
        try {
            chosen.setAccessible(true);
        } catch (RuntimeException notOpen) {
            if (!Modifier.isPublic(chosen.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
                return "reclaimer method " + entry.className() + "#" + entry.member() + " cannot be called by the"
                        + " agent: " + notOpen.getMessage();
            }
        }
        method = chosen;
        takesPressure = chosen == withPressure;
        return null;
    }

    private String resolveField(Class<?> type) {
        Field f;
        try {
            f = type.getDeclaredField(entry.member());
        } catch (NoSuchFieldException e) {
            return "reclaimer field " + entry.className() + "#" + entry.member() + " does not exist (class loaded by "
                    + loaderName + ")";
        }
        if (!Modifier.isStatic(f.getModifiers())) {
            return "reclaimer field " + entry.className() + "#" + entry.member() + " must be static";
        }
        if (!Map.class.isAssignableFrom(f.getType()) && !Collection.class.isAssignableFrom(f.getType())) {
            return "reclaimer field " + entry.className() + "#" + entry.member() + " must hold a java.util.Map or"
                    + " java.util.Collection; it is declared " + f.getType().getName();
        }
        try {
            f.setAccessible(true);
        } catch (RuntimeException notOpen) {
            return "reclaimer field " + entry.className() + "#" + entry.member() + " cannot be read by the agent: "
                    + notOpen.getMessage();
        }
        field = f;
        return null;
    }

    private static String describe(Method m) {
        StringBuilder sb = new StringBuilder(Modifier.isStatic(m.getModifiers()) ? "static " : "instance method ");
        sb.append(m.getReturnType().getName()).append(' ').append(m.getName()).append('(');
        Class<?>[] p = m.getParameterTypes();
        for (int i = 0; i < p.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(p[i].getName());
        }
        return sb.append(')').toString();
    }

    /** Runs it; what it throws comes out as it is. */
    void run(double pressure) throws Throwable {
        try {
            if (method != null) {
                if (takesPressure) {
                    method.invoke(null, pressure);
                } else {
                    method.invoke(null);
                }
                return;
            }
            Object value = field.get(null);
            if (value instanceof Map<?, ?> map) {
                map.clear();
            } else if (value instanceof Collection<?> c) {
                c.clear();
            }
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
