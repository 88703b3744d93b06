package io.selfheal.runtime.state;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The instances of one class the agent has seen (constructed since the class was woven), held
 * weakly: the registry never keeps an object alive. Collected instances are dropped as the
 * garbage collector reports them.
 */
public final class InstanceRegistry {
    private final Set<Reference<Object>> refs = new HashSet<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    public void add(Object instance) {
        synchronized (refs) {
            expunge();
            refs.add(new WeakReference<>(instance, collected));
        }
    }

    /** The live instances, each once (a constructor that calls {@code this(...)} reports twice). */
    public List<Object> live() {
        List<Object> out = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        synchronized (refs) {
            expunge();
            for (Reference<Object> r : refs) {
                Object o = r.get();
                if (o != null && seen.add(o)) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    public int size() {
        synchronized (refs) {
            expunge();
            return refs.size();
        }
    }

    private void expunge() {
        for (Reference<?> r; (r = collected.poll()) != null; ) {
            refs.remove(r);
        }
    }
}
