package io.selfheal.runtime.policy;

/**
 * What a policy can do to a target. The policy evaluator calls these; the engine's breaker,
 * isolation, checkpoint and patch managers implement them. A method that cannot do what it is
 * asked throws: the evaluator records why and escalates. {@code alert} is not here: the
 * evaluator publishes it itself, so it always works.
 */
public interface PolicyActions {
    void openCircuit(String target) throws Exception;

    void closeCircuit(String target) throws Exception;

    void isolate(String target) throws Exception;

    void release(String target) throws Exception;

    void restoreCheckpoint(String target) throws Exception;

    void applyPatch(String target, String patchId) throws Exception;

    void rollbackPatch(String target, String patchId) throws Exception;

    /** Calls the static method {@code className#methodName} in the target's class loader. */
    void invoke(String target, String className, String methodName) throws Exception;

    /**
     * Runs the reclaimers of {@code memory:} (all of them, or the one named), each at most once per
     * its cooldown, off the policy's thread; throws when there is no such reclaimer.
     */
    default void reclaim(String target, String reclaimer) throws Exception {
        throw new IllegalStateException("reclaim needs a top-level 'memory:' block");
    }

    /** Sets the target's adaptive concurrency limit ({@code concurrency-limit:}) to {@code limit}. */
    default void setLimit(String target, int limit) throws Exception {
        throw new UnsupportedOperationException("set-limit is not available here");
    }
}
