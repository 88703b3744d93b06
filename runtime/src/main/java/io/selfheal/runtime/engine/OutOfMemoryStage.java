package io.selfheal.runtime.engine;

import io.selfheal.runtime.rules.JvmMemory;

/**
 * First of all stages, for a target whose {@code retry.on} lists {@code java.lang.OutOfMemoryError}:
 * before any other stage forms an event or a record, the reclaimers of {@code memory:} run and the
 * failing thread waits (bounded by {@code memory.collection-wait}) for a collection, so that the
 * retry finds room. It allocates nothing itself: a type test, a volatile read, a monitor wait.
 */
final class OutOfMemoryStage implements Stage {

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
