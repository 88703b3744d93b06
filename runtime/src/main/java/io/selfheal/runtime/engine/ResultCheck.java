package io.selfheal.runtime.engine;

import io.selfheal.bootstrap.ReentryGuard;
import io.selfheal.runtime.config.OnResultConfig;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One site's {@code retry.on-result}: whether a returned value counts as a failed attempt. The
 * predicate method ({@code method:}) is resolved in the woven class's loader on first use; one
 * that cannot be resolved or throws is an agent fault and says "not a failed attempt", so the value
 * is returned as it was.
 */
final class ResultCheck {
    private final Site site;
    private final OnResultConfig config;
    private final boolean usePredicate;
    private final AgentFaults faults;
    private volatile Method predicate;
    private volatile boolean predicateBroken;

    /** @param usePredicate false when the weave-time check found the predicate unusable (reported there) */
    ResultCheck(Site site, OnResultConfig config, boolean usePredicate, AgentFaults faults) {
        this.site = site;
        this.config = config;
        this.usePredicate = usePredicate && config.hasMethod();
        this.faults = faults;
    }

    /** True when {@code value} is one {@code on-result} names; {@code arguments} may be {@code null}. */
    boolean isBad(Object value, Object[] arguments) {
        if (value == null) {
            if (config.isNull()) {
                return true;
            }
        } else if (config.isEmpty() && isEmpty(value)) {
            return true;
        }
        for (Object literal : config.equalsValues()) {
            if (same(literal, value)) {
                return true;
            }
        }
        return usePredicate && predicateSays(value, arguments);
    }

    private boolean predicateSays(Object value, Object[] arguments) {
        Method m = predicate();
        if (m == null) {
            return false;
        }
        Object[] args;
        if (m.getParameterCount() == 1) {
            args = new Object[] {value};
        } else if (arguments == null) {
            return false;   // the weaver passes the arguments whenever the predicate takes them
        } else {
            args = new Object[arguments.length + 1];
            args[0] = value;
            System.arraycopy(arguments, 0, args, 1, arguments.length);
        }
        // Application code: woven methods it calls run unwoven.
        boolean began = ReentryGuard.begin();
        try {
            return Boolean.TRUE.equals(m.invoke(null, args));
        } catch (InvocationTargetException e) {
            faults.report("on-result-method", e.getCause());
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            faults.report("on-result-method", e);
            return false;
        } finally {
            ReentryGuard.end(began);
        }
    }

    private Method predicate() {
        Method m = predicate;
        if (m != null || predicateBroken) {
            return m;
        }
        boolean began = ReentryGuard.begin();
        try {
            m = resolve();
            predicate = m;
            return m;
        } catch (Exception | LinkageError e) {
            predicateBroken = true;
            faults.report("on-result-method", e);
            return null;
        } finally {
            ReentryGuard.end(began);
        }
    }

    private Method resolve() throws Exception {
        ClassLoader loader = site.loader();
        Class<?> returnType = Types.forDescriptor(Types.returnDescriptor(site.descriptor()), loader);
        Class<?>[] types = Types.parameterTypes(site.descriptor(), loader);
        Class<?> owner = Class.forName(config.methodClass(), false, loader);
        for (Method candidate : owner.getDeclaredMethods()) {
            if (!candidate.getName().equals(config.methodName()) || !Modifier.isStatic(candidate.getModifiers())
                    || candidate.getReturnType() != boolean.class) {
                continue;
            }
            Class<?>[] p = candidate.getParameterTypes();
            boolean takesValue = p.length >= 1 && Types.boxed(p[0]).isAssignableFrom(Types.boxed(returnType))
                    && (p[0].isPrimitive() == returnType.isPrimitive());
            boolean plusArguments = p.length == types.length + 1
                    && Arrays.equals(Arrays.copyOfRange(p, 1, p.length), types);
            if (takesValue && (p.length == 1 || plusArguments)) {
                candidate.setAccessible(true);
                return candidate;
            }
        }
        throw new NoSuchMethodException("no static boolean method " + config.methodName() + " in "
                + config.methodClass() + " taking " + returnType.getName() + " (optionally plus the parameters of "
                + site.methodName() + site.descriptor() + ")");
    }

    /** An empty collection, map, array, {@code Optional} or string. */
    static boolean isEmpty(Object value) {
        if (value instanceof CharSequence s) {
            return s.length() == 0;
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty();
        }
        if (value instanceof Optional<?> o) {
            return o.isEmpty();
        }
        return value.getClass().isArray() && Array.getLength(value) == 0;
    }

    /** A YAML literal against a returned value: numbers by value, enums by name, a character as a one-letter text. */
    static boolean same(Object literal, Object value) {
        if (literal == OnResultConfig.NullLiteral.NULL) {
            return value == null;
        }
        if (value == null) {
            return false;
        }
        if (literal instanceof Number l && value instanceof Number v) {
            boolean integral = !(l instanceof Double || l instanceof Float) && !(v instanceof Double || v instanceof Float);
            return integral ? l.longValue() == v.longValue() : l.doubleValue() == v.doubleValue();
        }
        if (value instanceof Enum<?> e) {
            return literal instanceof String s && e.name().equals(s);
        }
        if (value instanceof Character c) {
            return literal instanceof String s && s.length() == 1 && s.charAt(0) == c;
        }
        return literal.equals(value);
    }

    /**
     * A short rendering of a returned value for events, without calling the application's code
     * ({@code toString} of its classes is not run): JDK values as themselves, containers by size.
     */
    static String render(Object value) {
        if (value == null) {
            return "null";
        }
        String text;
        if (value instanceof String s) {
            text = "\"" + s + "\"";
        } else if (value instanceof Number || value instanceof Boolean || value instanceof Character) {
            text = String.valueOf(value);
        } else if (value instanceof Enum<?> e) {
            text = e.getDeclaringClass().getSimpleName() + "." + e.name();
        } else if (value instanceof Optional<?> o) {
            text = o.isEmpty() ? "Optional.empty" : "Optional[" + o.get().getClass().getName() + "]";
        } else if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            int size = value instanceof Collection<?> c ? c.size() : ((Map<?, ?>) value).size();
            text = value.getClass().getName() + (size == 0 ? " (empty)" : " (size " + size + ")");
        } else if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            text = value.getClass().getComponentType().getName() + "[" + length + "]";
        } else {
            text = value.getClass().getName();
        }
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
