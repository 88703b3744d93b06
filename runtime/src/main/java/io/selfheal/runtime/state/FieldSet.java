package io.selfheal.runtime.state;

import io.selfheal.bootstrap.ReentryGuard;
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
 * the snapshot stays as it was for the next restore). A final field cannot be assigned, so the
 * object it holds has its <em>contents</em> put back in place (with {@code depth: deep}); an
 * object kept by reference in the snapshot is left alone.
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

    /**
     * The fields' current values, copied per {@code depth}; {@code target} is null for statics only.
     * Read and copied under the receiver's lock ({@link ReceiverLocks}), which is held while only
     * the agent's own code runs: what needs code of its own (an opt-in {@code clone()}, a
     * concurrent collection) is copied after the lock is released.
     */
    /**
     * @return the values, or {@code null} when a deep copy would exceed the copier's
     *     {@code max-objects} (the call then runs without a snapshot)
     */
    public Object[] capture(Object target, Depth depth, DeepCopier copier) throws Throwable {
        try {
            return captureOrThrow(target, depth, copier);
        } catch (DeepCopier.TooLarge tooLarge) {
            return null;
        }
    }

    private Object[] captureOrThrow(Object target, Depth depth, DeepCopier copier) throws Throwable {
        Object[] values = new Object[accessors.length];
        DeepCopier.Pass pass = depth == Depth.DEEP ? copier.lockedPass() : null;
        synchronized (ReceiverLocks.of(target)) {
            for (int i = 0; i < accessors.length; i++) {
                Object v = accessors[i].getter.invokeExact(target);
                if (pass == null) {
                    values[i] = v;
                } else {
                    pass.copyInto(values, i, v);
                }
            }
        }
        if (pass != null) {
            pass.finish();
        }
        return values;
    }

    /** {@link #capture(Object, Depth, DeepCopier)} with the plain copier. */
    public Object[] capture(Object target, Depth depth) throws Throwable {
        return capture(target, depth, DeepCopier.PLAIN);
    }

    /**
     * Puts {@code values} (from {@link #capture}) back. With {@code depth: deep} the snapshot is
     * copied again (it stays as it was, for the next restore): the values of assignable fields
     * first, outside the lock, then, under the receiver's lock, the fields are written and a final
     * field's object gets the saved contents in place (field by field; a concurrent collection
     * through its own API, after the lock is released).
     *
     * @return the names of the fields that were put back
     */
    public List<String> restore(Object target, Object[] values, Depth depth, DeepCopier copier) throws Throwable {
        boolean deep = depth == Depth.DEEP;
        Object[] fresh = values;
        DeepCopier.Pass pass = null;
        if (deep) {
            fresh = new Object[values.length];
            pass = copier.lockedPass();
            for (int i = 0; i < values.length; i++) {
                if (accessors[i].setter != null) {
                    pass.copyInto(fresh, i, values[i]);
                }
            }
            pass.finish();
            pass.deferFromNow();
        }
        List<String> restored = new ArrayList<>(accessors.length);
        List<Object[]> byApi = null;
        synchronized (ReceiverLocks.of(target)) {
            for (int i = 0; i < accessors.length; i++) {
                Accessor a = accessors[i];
                if (a.setter != null) {
                    a.setter.invokeExact(target, fresh[i]);
                    restored.add(a.name);
                } else if (deep) {
                    Object current = a.getter.invokeExact(target);
                    if (pass.copyContentsInto(values[i], current)) {
                        restored.add(a.name);
                    } else if (current != values[i] && (current instanceof Collection || current instanceof Map)) {
                        if (byApi == null) {
                            byApi = new ArrayList<>();
                        }
                        byApi.add(new Object[] {current, values[i], a.name});
                    }
                }
            }
        }
        if (pass != null) {
            pass.finish();
        }
        if (byApi != null) {
            for (Object[] r : byApi) {
                if (refill(r[0], copier.deepCopy(r[1]))) {
                    restored.add((String) r[2]);
                }
            }
        }
        return restored;
    }

    /** {@link #restore(Object, Object[], Depth, DeepCopier)} with the plain copier. */
    public List<String> restore(Object target, Object[] values, Depth depth) throws Throwable {
        return restore(target, values, depth, DeepCopier.PLAIN);
    }

    /** A collection or map copied through its own API is refilled through it, under the guard. */
    @SuppressWarnings("unchecked")
    private static boolean refill(Object current, Object fresh) {
        boolean began = ReentryGuard.begin();
        try {
            if (current instanceof Collection<?> c && fresh instanceof Collection<?> f) {
                c.clear();
                ((Collection<Object>) c).addAll(f);
                return true;
            }
            if (current instanceof Map<?, ?> m && fresh instanceof Map<?, ?> f) {
                m.clear();
                ((Map<Object, Object>) m).putAll(f);
                return true;
            }
            return false;
        } finally {
            ReentryGuard.end(began);
        }
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
