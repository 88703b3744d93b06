package io.selfheal.runtime.state;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * A class named in {@code checkpoints.state}, as woven in one class loader: its fields (resolved
 * on first use, in that loader) and the instances of it the agent has seen.
 */
public final class TrackedClass {
    private final int id;
    private final String className;
    private final WeakReference<ClassLoader> loader;
    private final boolean bootstrapLoader;
    private final List<String> fieldNames;
    private final InstanceRegistry instances = new InstanceRegistry();
    private volatile Resolved resolved;

    /** The class's fields split into static ones and instance ones. */
    record Resolved(FieldSet statics, FieldSet instanceFields) {
    }

    TrackedClass(int id, String className, ClassLoader loader, List<String> fieldNames) {
        this.id = id;
        this.className = className;
        this.loader = new WeakReference<>(loader);
        this.bootstrapLoader = loader == null;
        this.fieldNames = List.copyOf(fieldNames);
    }

    public int id() {
        return id;
    }

    public String className() {
        return className;
    }

    public List<String> fieldNames() {
        return fieldNames;
    }

    boolean sameLoader(ClassLoader l) {
        return l == null ? bootstrapLoader : loader.get() == l;
    }

    public InstanceRegistry instances() {
        return instances;
    }

    /** The fields, or {@code null} while the class is not (or no longer) loadable. */
    Resolved resolve() throws ClassNotFoundException {
        Resolved r = resolved;
        if (r != null) {
            return r;
        }
        ClassLoader l = loader.get();
        if (l == null && !bootstrapLoader) {
            return null;
        }
        Class<?> c = Class.forName(className, false, l);
        List<String> statics = new ArrayList<>();
        List<String> instance = new ArrayList<>();
        for (String name : fieldNames) {
            (FieldSet.isStatic(c, name) ? statics : instance).add(name);
        }
        r = new Resolved(FieldSet.of(c, statics), FieldSet.of(c, instance));
        resolved = r;
        return r;
    }
}
