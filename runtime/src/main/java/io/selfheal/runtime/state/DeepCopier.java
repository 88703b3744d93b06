package io.selfheal.runtime.state;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * The copy a {@code depth: deep} snapshot takes of a field's value:
 *
 * <ul>
 *   <li>immutable values (strings, boxed primitives, enums, {@code Class}, {@code java.time},
 *       {@code BigInteger}/{@code BigDecimal}, {@code UUID}) are shared;
 *   <li>arrays are copied, and their elements copied in turn;
 *   <li>lists, queues and other collections are re-created as the same class ({@code clone()}
 *       where the class offers it, else its copy constructor) and their elements copied;
 *   <li>maps the same way, their values copied; map keys and set elements are kept by reference,
 *       since they are identities (an {@code IdentityHashMap}, a {@code WeakHashMap}) and a copied
 *       key would be a different key;
 *   <li>other {@code Cloneable} objects are cloned with their own {@code clone()} (usually shallow);
 *   <li>every other object, and any collection that can be neither cloned nor constructed
 *       ({@code Arrays.asList}, {@code Collections.synchronizedList}, unmodifiable views), is kept
 *       <b>by reference</b>: never copied field by field, because objects with identity (locks,
 *       connections, threads, caches) must not be duplicated behind the application's back.
 * </ul>
 *
 * Shared references and cycles inside one value stay shared in the copy. How each class is copied
 * is worked out once and cached per class, so copying does not look anything up reflectively.
 */
public final class DeepCopier {

    private DeepCopier() {
    }

    /** A deep copy of {@code value} as described above. */
    public static Object copy(Object value) {
        if (value == null) {
            return null;
        }
        Strategy s = STRATEGIES.get(value.getClass());
        if (s.kind == Kind.SHARED || s.kind == Kind.BY_REFERENCE) {
            return value;
        }
        if (s.kind == Kind.PRIMITIVE_ARRAY) {
            return cloneArray(value);
        }
        return copy(value, new IdentityHashMap<>());
    }

    private static Object copy(Object value, IdentityHashMap<Object, Object> seen) {
        if (value == null) {
            return null;
        }
        Strategy s = STRATEGIES.get(value.getClass());
        if (s.kind == Kind.SHARED || s.kind == Kind.BY_REFERENCE) {
            return value;
        }
        Object done = seen.get(value);
        if (done != null) {
            return done;
        }
        switch (s.kind) {
            case PRIMITIVE_ARRAY:
                return remember(seen, value, cloneArray(value));
            case OBJECT_ARRAY:
                return copyArray((Object[]) value, seen);
            case CLONEABLE:
                return remember(seen, value, s.make(value));
            case LIST:
                return copyList(value, s, seen);
            case MAP:
                return copyMap(value, s, seen);
            case SET:
                return remember(seen, value, s.make(value));
            case COLLECTION:
                return copyCollection(value, s, seen);
            default:
                return value;
        }
    }

    private static Object remember(IdentityHashMap<Object, Object> seen, Object original, Object copy) {
        seen.put(original, copy);
        return copy;
    }

    private static Object cloneArray(Object array) {
        int n = Array.getLength(array);
        Object c = Array.newInstance(array.getClass().getComponentType(), n);
        System.arraycopy(array, 0, c, 0, n);
        return c;
    }

    private static Object copyArray(Object[] array, IdentityHashMap<Object, Object> seen) {
        Object[] c = array.clone();
        seen.put(array, c);
        for (int i = 0; i < c.length; i++) {
            c[i] = copy(c[i], seen);
        }
        return c;
    }

    @SuppressWarnings("unchecked")
    private static Object copyList(Object value, Strategy s, IdentityHashMap<Object, Object> seen) {
        List<Object> c = (List<Object>) s.make(value);
        seen.put(value, c);
        if (c instanceof RandomAccess) {
            for (int i = 0, n = c.size(); i < n; i++) {
                Object e = c.get(i);
                Object ce = copy(e, seen);
                if (ce != e) {
                    c.set(i, ce);
                }
            }
        } else {
            for (ListIterator<Object> it = c.listIterator(); it.hasNext(); ) {
                Object e = it.next();
                Object ce = copy(e, seen);
                if (ce != e) {
                    it.set(ce);
                }
            }
        }
        return c;
    }

    @SuppressWarnings("unchecked")
    private static Object copyMap(Object value, Strategy s, IdentityHashMap<Object, Object> seen) {
        Map<Object, Object> c = (Map<Object, Object>) s.make(value);
        seen.put(value, c);
        List<Object[]> late = null;
        for (Map.Entry<Object, Object> e : c.entrySet()) {
            Object v = e.getValue();
            Object cv = copy(v, seen);
            if (cv != v) {
                try {
                    e.setValue(cv);
                } catch (UnsupportedOperationException noSetValue) {
                    if (late == null) {
                        late = new ArrayList<>();
                    }
                    late.add(new Object[] {e.getKey(), cv});
                }
            }
        }
        if (late != null) {
            for (Object[] kv : late) {
                c.put(kv[0], kv[1]);
            }
        }
        return c;
    }

    @SuppressWarnings("unchecked")
    private static Object copyCollection(Object value, Strategy s, IdentityHashMap<Object, Object> seen) {
        Collection<Object> c = (Collection<Object>) s.make(value);
        seen.put(value, c);
        List<Object> elements = new ArrayList<>(c.size());
        boolean changed = false;
        for (Object e : (Collection<Object>) value) {
            Object ce = copy(e, seen);
            changed |= ce != e;
            elements.add(ce);
        }
        if (changed) {
            c.clear();
            c.addAll(elements);
        }
        return c;
    }

    // ------------------------------------------------------------------ per-class strategies

    private enum Kind {
        SHARED, BY_REFERENCE, PRIMITIVE_ARRAY, OBJECT_ARRAY, CLONEABLE, LIST, MAP, SET, COLLECTION
    }

    /** How values of one class are copied; {@code maker} gives a shallow copy of the same class. */
    private static final class Strategy {
        final Kind kind;
        final MethodHandle maker;

        Strategy(Kind kind, MethodHandle maker) {
            this.kind = kind;
            this.maker = maker;
        }

        Object make(Object original) {
            try {
                return maker.invokeExact(original);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("cannot copy " + original.getClass().getName(), t);
            }
        }
    }

    private static final ClassValue<Strategy> STRATEGIES = new ClassValue<>() {
        @Override
        protected Strategy computeValue(Class<?> type) {
            return strategyFor(type);
        }
    };

    private static final Strategy SHARED = new Strategy(Kind.SHARED, null);
    private static final Strategy BY_REFERENCE = new Strategy(Kind.BY_REFERENCE, null);
    private static final MethodType OBJECT_TO_OBJECT = MethodType.methodType(Object.class, Object.class);

    private static Strategy strategyFor(Class<?> type) {
        if (isImmutable(type)) {
            return SHARED;
        }
        if (type.isArray()) {
            return new Strategy(type.getComponentType().isPrimitive() ? Kind.PRIMITIVE_ARRAY : Kind.OBJECT_ARRAY, null);
        }
        Kind kind = List.class.isAssignableFrom(type) ? Kind.LIST
                : Map.class.isAssignableFrom(type) ? Kind.MAP
                : Set.class.isAssignableFrom(type) ? Kind.SET
                : Collection.class.isAssignableFrom(type) ? Kind.COLLECTION
                : Cloneable.class.isAssignableFrom(type) ? Kind.CLONEABLE
                : null;
        if (kind == null) {
            return BY_REFERENCE;
        }
        MethodHandle maker = Cloneable.class.isAssignableFrom(type) ? cloneHandle(type) : null;
        if (maker == null && kind != Kind.CLONEABLE) {
            maker = copyConstructor(type, kind);
        }
        return maker == null ? BY_REFERENCE : new Strategy(kind, maker);
    }

    private static boolean isImmutable(Class<?> type) {
        if (type.isPrimitive() || type == String.class || type == Class.class || type.isEnum()
                || Enum.class.isAssignableFrom(type) || type == java.util.UUID.class
                || type == java.math.BigInteger.class || type == java.math.BigDecimal.class) {
            return true;
        }
        if (type == Boolean.class || type == Character.class || type == Byte.class || type == Short.class
                || type == Integer.class || type == Long.class || type == Float.class || type == Double.class) {
            return true;
        }
        Package p = type.getPackage();
        return p != null && p.getName().startsWith("java.time") && Modifier.isFinal(type.getModifiers());
    }

    /** The class's own {@code clone()}, when the copier may call it. */
    private static MethodHandle cloneHandle(Class<?> type) {
        for (MethodHandles.Lookup lookup : lookupsFor(type)) {
            try {
                return lookup.findVirtual(type, "clone", MethodType.methodType(Object.class)).asType(OBJECT_TO_OBJECT);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not callable with this lookup; try the next one
            }
        }
        return null;
    }

    /** {@code new Type(original)}: the sorted form first, so a comparator survives. */
    private static MethodHandle copyConstructor(Class<?> type, Kind kind) {
        List<Class<?>> parameters = new ArrayList<>();
        if (kind == Kind.MAP) {
            if (SortedMap.class.isAssignableFrom(type)) {
                parameters.add(SortedMap.class);
            }
            parameters.add(Map.class);
        } else {
            if (SortedSet.class.isAssignableFrom(type)) {
                parameters.add(SortedSet.class);
            }
            parameters.add(Collection.class);
        }
        for (MethodHandles.Lookup lookup : lookupsFor(type)) {
            for (Class<?> p : parameters) {
                try {
                    return lookup.findConstructor(type, MethodType.methodType(void.class, p)).asType(OBJECT_TO_OBJECT);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // no such constructor for this lookup; try the next
                }
            }
        }
        return null;
    }

    /** A full-power lookup where the class's module lets us in (the class path), else the public one. */
    private static List<MethodHandles.Lookup> lookupsFor(Class<?> type) {
        List<MethodHandles.Lookup> lookups = new ArrayList<>(2);
        try {
            lookups.add(MethodHandles.privateLookupIn(type, MethodHandles.lookup()));
        } catch (IllegalAccessException | RuntimeException e) {
            // the package is not open to the agent (JDK classes): public members only
        }
        lookups.add(MethodHandles.publicLookup());
        return lookups;
    }
}
