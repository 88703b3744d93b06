package io.selfheal.runtime.config;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code retry.on-result}: the values a body may return that count as a failed attempt (retried
 * while attempts remain; then, with the target's {@code fallback-on-result: true}, answered by the
 * fallback chain, else returned as they were).
 *
 * @param equalsValues the YAML literals a returned value is compared with ({@code equals:})
 * @param methodClass the predicate's class ({@code method: pkg.Class#name}), or {@code null}
 */
public record OnResultConfig(boolean isNull, boolean isEmpty, List<Object> equalsValues, String methodClass,
        String methodName, YamlNode methodNode) {

    @ConfigKey.Doc("true: a null return value is a failed attempt")
    static final ConfigKey NULL = ConfigKey.bool("null", false);
    @ConfigKey.Doc("true: an empty collection, map, array, Optional or string is a failed attempt")
    static final ConfigKey EMPTY = ConfigKey.bool("empty", false);
    @ConfigKey.Doc("a value or a list of values (numbers compare by value, enums by name) that are failed attempts")
    static final ConfigKey EQUALS = ConfigKey.of("equals", ConfigKey.Type.LITERAL, "none");
    @ConfigKey.Doc("pkg.Class#name: a static boolean method taking the return type (optionally plus the woven "
            + "method's parameters); true: a failed attempt")
    static final ConfigKey METHOD = ConfigKey.of("method", ConfigKey.Type.METHOD_REF, "none");
    static final List<ConfigKey> KEYS = List.of(NULL, EMPTY, EQUALS, METHOD);

    static OnResultConfig read(Section s) {
        boolean isNull = s.bool(NULL);
        boolean isEmpty = s.bool(EMPTY);
        List<Object> equals = new ArrayList<>();
        YamlNode eq = s.node(EQUALS);
        if (eq instanceof YamlNode.ListNode list) {
            for (YamlNode item : list.items()) {
                literal(s, item, equals);
            }
        } else if (eq != null) {
            literal(s, eq, equals);
        }
        String methodClass = null;
        String methodName = null;
        YamlNode methodNode = s.node(METHOD);
        if (methodNode != null) {
            String[] ref = s.classMember(METHOD, "Class#method", "com.acme.Checks#isTransient");
            if (ref != null) {
                methodClass = ref[0];
                methodName = ref[1];
            }
        }
        s.rejectUnknownKeys("key", KEYS);
        if (s.isPresent() && !isNull && !isEmpty && equals.isEmpty() && methodClass == null && methodNode == null) {
            s.problems().add(s.location(), s.path(), "on-result needs null: true, empty: true, equals or method"
                    + " (which returned values count as failed attempts)");
        }
        return new OnResultConfig(isNull, isEmpty, List.copyOf(equals), methodClass, methodName, methodNode);
    }

    private static void literal(Section s, YamlNode item, List<Object> out) {
        if (item instanceof YamlNode.ScalarNode sc) {
            out.add(sc.value() == null ? NullLiteral.NULL : sc.value());
        } else {
            s.problems().add(item, s.keyPath(EQUALS.name()), "expected a plain value (a number, text or"
                    + " true/false), found " + item.kind());
        }
    }

    /** Stands for a YAML null in {@code equals:} (List.copyOf takes no nulls). */
    public enum NullLiteral {
        NULL
    }

    /** True when the predicate method is configured. */
    public boolean hasMethod() {
        return methodClass != null;
    }
}
