package io.selfheal.runtime.state;

import java.lang.ref.WeakReference;
import java.util.List;

/**
 * One checkpoint: an id ({@code cp-<millis>-<n>}), when it was taken and, per tracked class, the
 * copied static fields and the copied instance fields of each instance alive at that moment
 * (instances held weakly: a checkpoint never keeps an object alive).
 */
public record Checkpoint(String id, long timestampMillis, List<ClassState> states) {

    /** The state of one tracked class. {@code statics} is null when it has no static fields. */
    public record ClassState(TrackedClass tracked, Object[] statics, List<InstanceState> instances) {
    }

    /** One instance's fields. */
    public record InstanceState(WeakReference<Object> instance, Object[] values) {
    }

    public int instanceCount() {
        int n = 0;
        for (ClassState s : states) {
            n += s.instances().size();
        }
        return n;
    }
}
