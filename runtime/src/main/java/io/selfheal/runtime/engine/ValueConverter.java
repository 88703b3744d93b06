package io.selfheal.runtime.engine;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts fallback values to a method's return type: YAML literals ({@code value:}) and the
 * type's empty value ({@code empty: true}). Primitives come back boxed, as the woven code unboxes
 * them. Types this class does not know are handed to Jackson's {@code convertValue}.
 */
final class ValueConverter {
    private ValueConverter() {
    }

    /** The empty value: null, 0, false, an empty collection, map or array, or Optional.empty(). */
    static Object empty(Class<?> type) {
        if (type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return Boolean.FALSE;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type.isPrimitive()) {
            return convert(0L, type);
        }
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), 0);
        }
        if (type.isAssignableFrom(List.class) || type == Collection.class || type == Iterable.class) {
            return List.of();
        }
        if (type.isAssignableFrom(Set.class)) {
            return Set.of();
        }
        if (type.isAssignableFrom(Map.class)) {
            return Map.of();
        }
        if (!type.isInterface() && Collection.class.isAssignableFrom(type)
                || !type.isInterface() && Map.class.isAssignableFrom(type)) {
            try {
                return type.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * A {@code value:} fallback for a block run from code ({@code SelfHeal.call}), whose type is
     * erased: as Java code would write the literal. A whole number is an {@code Integer} when it
     * fits in an int (YAML reads it as a {@code Long}), else a {@code Long}; lists and maps are read-only
     * and converted the same way inside; anything else is given as YAML read it.
     */
    static Object forCode(Object value) {
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return (int) (long) l;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(forCode(item));
            }
            return Collections.unmodifiableList(out);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(e.getKey(), forCode(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        return value;
    }

    /**
     * @throws IllegalArgumentException with a user-facing reason when {@code value} cannot be
     *     given as a {@code type}
     */
    static Object convert(Object value, Class<?> type) {
        if (type == void.class) {
            return null;
        }
        if (value == null) {
            if (type.isPrimitive()) {
                throw new IllegalArgumentException("null cannot be returned as " + type.getName());
            }
            return type == Optional.class ? Optional.empty() : null;
        }
        Class<?> boxed = Types.boxed(type);
        if (Number.class.isAssignableFrom(boxed) && value instanceof Number n) {
            if (boxed == Integer.class) return Math.toIntExact(n.longValue());
            if (boxed == Long.class) return n.longValue();
            if (boxed == Double.class) return n.doubleValue();
            if (boxed == Float.class) return n.floatValue();
            if (boxed == Short.class) return (short) n.longValue();
            if (boxed == Byte.class) return (byte) n.longValue();
        }
        if (boxed == Boolean.class && value instanceof Boolean) {
            return value;
        }
        if (boxed == Character.class && value instanceof String s && s.length() == 1) {
            return s.charAt(0);
        }
        if ((type == String.class || type == CharSequence.class)
                && !(value instanceof Collection || value instanceof Map)) {
            return String.valueOf(value);
        }
        if (type == Object.class) {
            return immutable(value);
        }
        if (type == Optional.class) {
            return Optional.of(immutable(value));
        }
        if (type.isEnum() && value instanceof String s) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(s)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("'" + s + "' is not a constant of " + type.getName());
        }
        if (type.isArray() && value instanceof List<?> list) {
            Object array = Array.newInstance(type.getComponentType(), list.size());
            for (int i = 0; i < list.size(); i++) {
                Array.set(array, i, convert(list.get(i), type.getComponentType()));
            }
            return array;
        }
        if (value instanceof List<?> l && Iterable.class.isAssignableFrom(type)) {
            if (type.isAssignableFrom(List.class)) {
                return Collections.unmodifiableList(new ArrayList<>(l));
            }
            if (type.isAssignableFrom(Set.class)) {
                return Collections.unmodifiableSet(new LinkedHashSet<>(l));
            }
            if (Collection.class.isAssignableFrom(type)) {
                Collection<Object> c = newInstance(type);
                c.addAll(l);
                return c;
            }
        }
        if (value instanceof Map<?, ?> map && type.isAssignableFrom(Map.class)) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(map));
        }
        if (type.isPrimitive() || Types.boxed(type) != type || type == String.class) {
            throw mismatch(value, type);
        }
        if (type.isInstance(value)) {
            return value;
        }
        if (JDBC_TIME_TYPES.contains(type.getName())) {
            return jdbcTime(value, type);
        }
        return JacksonHolder.convert(value, type);
    }

    /**
     * JDBC's date and time types, converted here rather than by Jackson: they belong to the
     * {@code java.sql} module, which the platform loader defines, and Jackson's own handling of
     * them cannot see it when the agent runs from the boot class path.
     */
    private static final Set<String> JDBC_TIME_TYPES = Set.of("java.sql.Date", "java.sql.Time", "java.sql.Timestamp");

    /**
     * A number is milliseconds since the epoch; text is the type's {@code valueOf} form (JDBC
     * escape: {@code 2024-05-01 12:00:00} for a timestamp) or an ISO-8601 instant
     * ({@code 2024-05-01T12:00:00Z}).
     */
    private static Object jdbcTime(Object value, Class<?> type) {
        try {
            if (value instanceof Number n) {
                return type.getConstructor(long.class).newInstance(n.longValue());
            }
            if (value instanceof String s) {
                try {
                    return type.getMethod("valueOf", String.class).invoke(null, s);
                } catch (InvocationTargetException notJdbcEscape) {
                    return type.getConstructor(long.class).newInstance(Instant.parse(s).toEpochMilli());
                }
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the value " + value + " cannot be returned as " + type.getName()
                    + ": neither its valueOf form nor an ISO-8601 instant");
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create a " + type.getName() + ": " + e);
        }
        throw mismatch(value, type);
    }

    @SuppressWarnings("unchecked")
    private static Collection<Object> newInstance(Class<?> type) {
        try {
            return (Collection<Object>) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create a " + type.getName() + ": " + e);
        }
    }

    private static Object immutable(Object value) {
        if (value instanceof List<?> l) {
            return Collections.unmodifiableList(new ArrayList<>(l));
        }
        if (value instanceof Map<?, ?> m) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(m));
        }
        return value;
    }

    private static IllegalArgumentException mismatch(Object value, Class<?> type) {
        return new IllegalArgumentException("the value " + value + " cannot be returned as " + type.getName());
    }

    /** Loaded only when a POJO fallback is first converted: Jackson databind stays off start-up. */
    private static final class JacksonHolder {
        private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

        static Object convert(Object value, Class<?> type) {
            try {
                return MAPPER.convertValue(value, type);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the value " + value + " cannot be returned as "
                        + type.getName() + ": " + e.getMessage().split("\n")[0]);
            } catch (NoClassDefFoundError e) {
                // A JDK class the converter cannot see from the boot loader, such as java.sql's.
                throw new IllegalArgumentException("the value " + value + " cannot be returned as "
                        + type.getName() + ": it needs " + e.getMessage().replace('/', '.') + ", which the agent's"
                        + " converter does not see when the agent runs from the boot class path; a fallback"
                        + " method can build the value instead");
            }
        }
    }
}
