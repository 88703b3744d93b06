package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.rules.JvmMemory;

/**
 * First of all stages, for a target whose {@code retry.on} lists {@code java.lang.OutOfMemoryError}:
 * before any other stage forms an event or a record, the reclaimers of {@code memory:} run and the
 * failing thread waits (bounded by {@code memory.collection-wait}) for a collection, so that the
 * retry finds room. It allocates nothing itself: a type test, a volatile read, a monitor wait.
 */
final class OutOfMemoryStage implements Stage {

    /** True when the target retries an {@code OutOfMemoryError}: its {@code retry.on} names it or a supertype. */
    static boolean retriesOutOfMemory(TargetConfig c) {
        if (c.retry() == null) {
            return false;
        }
        for (String name : c.retry().filter().on()) {
            if (name.equals("java.lang.OutOfMemoryError") || name.equals("java.lang.VirtualMachineError")
                    || name.equals("java.lang.Error") || name.equals("java.lang.Throwable")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object failed(Failure f) {
        if (f.failure instanceof OutOfMemoryError && f.call.attempt < f.target.config().retry().maxAttempts()) {
            JvmMemory memory = JvmMemory.installed();
            if (memory != null) {
                memory.relieveOutOfMemory();
            }
        }
        return CONTINUE;
    }
}
