package io.selfheal.runtime.state;

import io.selfheal.runtime.config.RestoreConfig.Depth;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The fields of one class that a restore or a checkpoint snapshots, with their accessors resolved
 * once (method handles from a lookup in the class itself, so private fields need no
 * {@code setAccessible} and no reflection runs per call).
 *
 * <p>Putting a field back: a non-final field is assigned a fresh copy of the snapshot (a copy, so
 * the snapshot stays as it was for the next restore). A final field cannot be assigned, so a
 * collection, map or array it holds has its <em>contents</em> put back in place (with
 * {@code depth: deep}); any other final field is left alone, as its reference cannot have changed.
 */
public final class FieldSet {
    private final Class<?> owner;
    private final Accessor[] accessors;
    private final List<String> names;

    private FieldSet(Class<?> owner, Accessor[] accessors) {
        this.owner = owner;
        this.accessors = accessors;
        List<String> n = new ArrayList<>(accessors.length);
        for (Accessor a : accessors) {
            n.add(a.name);
        }
        this.names = List.copyOf(n);
    }

    /**
     * Resolves {@code fieldNames} in {@code owner} and its superclasses.
     *
     * @throws IllegalArgumentException naming a field that does not exist or cannot be reached
     */
    public static FieldSet of(Class<?> owner, List<String> fieldNames) {
        List<Accessor> out = new ArrayList<>();
        for (String name : fieldNames) {
            Field f = find(owner, name);
            if (f == null) {
                throw new IllegalArgumentException("class " + owner.getName() + " has no field '" + name + "'");
            }
            out.add(accessor(f));
        }
        return new FieldSet(owner, out.toArray(new Accessor[0]));
    }

    /**
     * Every field a {@code restore:} without {@code fields:} covers: for an instance, the
     * non-static, non-transient fields of the class and of those superclasses the agent may
     * reach; for a class (static method), its own static, non-final, non-transient fields.
     * Synthetic fields (an inner class's outer reference, {@code $assertionsDisabled}) never.
     */
    public static FieldSet allOf(Class<?> owner, boolean statics) {
        List<Accessor> out = new ArrayList<>();
        for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
            if (lookupIn(c) == null) {
                break;
            }
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                boolean isStatic = Modifier.isStatic(mod);
                if (f.isSynthetic() || Modifier.isTransient(mod) || isStatic != statics
                        || (statics && Modifier.isFinal(mod))) {
                    continue;
                }
                out.add(accessor(f));
            }
            if (statics) {
                break;
            }
        }
        return new FieldSet(owner, out.toArray(new Accessor[0]));
    }

    /** True when {@code name} is a static field of {@code owner} or a superclass. */
    public static boolean isStatic(Class<?> owner, String name) {
        Field f = find(owner, name);
        if (f == null) {
            throw new IllegalArgumentException("class " + owner.getName() + " has no field '" + name + "'");
        }
        return Modifier.isStatic(f.getModifiers());
    }

    public Class<?> owner() {
        return owner;
    }

    public List<String> names() {
        return names;
    }

    public boolean isEmpty() {
        return accessors.length == 0;
    }

    /** The fields' current values, copied per {@code depth}; {@code target} is null for statics only. */
    public Object[] capture(Object target, Depth depth) throws Throwable {
        Object[] values = new Object[accessors.length];
        for (int i = 0; i < accessors.length; i++) {
            Object v = accessors[i].getter.invokeExact(target);
            values[i] = depth == Depth.DEEP ? DeepCopier.copy(v) : v;
        }
        return values;
    }

    /**
     * Puts {@code values} (from {@link #capture}) back.
     *
     * @return the names of the fields that were put back
     */
    public List<String> restore(Object target, Object[] values, Depth depth) throws Throwable {
        List<String> restored = new ArrayList<>(accessors.length);
        for (int i = 0; i < accessors.length; i++) {
            Accessor a = accessors[i];
            Object saved = values[i];
            if (a.setter != null) {
                a.setter.invokeExact(target, depth == Depth.DEEP ? DeepCopier.copy(saved) : saved);
                restored.add(a.name);
            } else if (depth == Depth.DEEP && restoreInPlace(a.getter.invokeExact(target), saved)) {
                restored.add(a.name);
            }
        }
        return restored;
    }

    /** A final field's collection, map or array gets the saved contents back. */
    @SuppressWarnings("unchecked")
    private static boolean restoreInPlace(Object current, Object saved) {
        if (current == null || saved == null || current == saved) {
            return false;
        }
        if (current instanceof Collection<?> c && saved instanceof Collection<?> s) {
            Collection<Object> target = (Collection<Object>) c;
            Collection<Object> copy = (Collection<Object>) DeepCopier.copy(s);
            target.clear();
            target.addAll(copy);
            return true;
        }
        if (current instanceof Map<?, ?> m && saved instanceof Map<?, ?> s) {
            Map<Object, Object> target = (Map<Object, Object>) m;
            Map<Object, Object> copy = (Map<Object, Object>) DeepCopier.copy(s);
            target.clear();
            target.putAll(copy);
            return true;
        }
        if (current.getClass().isArray() && current.getClass() == saved.getClass()
                && Array.getLength(current) == Array.getLength(saved)) {
            System.arraycopy(DeepCopier.copy(saved), 0, current, 0, Array.getLength(current));
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ accessors

    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodType SETTER = MethodType.methodType(void.class, Object.class, Object.class);

    /** One field: a getter {@code (Object)Object} and, unless final, a setter {@code (Object,Object)void}. */
    private static final class Accessor {
        final String name;
        final boolean isStatic;
        final MethodHandle getter;
        final MethodHandle setter;

        Accessor(String name, boolean isStatic, MethodHandle getter, MethodHandle setter) {
            this.name = name;
            this.isStatic = isStatic;
            this.getter = getter;
            this.setter = setter;
        }
    }

    private static Accessor accessor(Field f) {
        MethodHandles.Lookup lookup = lookupIn(f.getDeclaringClass());
        if (lookup == null) {
            throw new IllegalArgumentException("field '" + f.getName() + "' of " + f.getDeclaringClass().getName()
                    + " is in a package not open to the agent");
        }
        boolean isStatic = Modifier.isStatic(f.getModifiers());
        try {
            MethodHandle get = lookup.unreflectGetter(f);
            MethodHandle set = Modifier.isFinal(f.getModifiers()) ? null : lookup.unreflectSetter(f);
            if (isStatic) {
                get = MethodHandles.dropArguments(get, 0, Object.class);
                set = set == null ? null : MethodHandles.dropArguments(set, 0, Object.class);
            }
            get = get.asType(GETTER);
            set = set == null ? null : set.asType(SETTER);
            return new Accessor(f.getName(), isStatic, get, set);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("field '" + f.getName() + "' of " + f.getDeclaringClass().getName()
                    + " cannot be reached: " + e.getMessage(), e);
        }
    }

    private static MethodHandles.Lookup lookupIn(Class<?> c) {
        try {
            return MethodHandles.privateLookupIn(c, MethodHandles.lookup());
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    private static Field find(Class<?> owner, String name) {
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    return f;
                }
            }
        }
        return null;
    }
}
