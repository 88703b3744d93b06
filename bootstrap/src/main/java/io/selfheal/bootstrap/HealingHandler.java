package io.selfheal.bootstrap;

/**
 * What {@link Healing} forwards woven calls to. The runtime installs one implementation at start;
 * until then (and after a fault disables it) every call proceeds as if unwoven.
 *
 * <p>Implementations may throw; {@link Healing} turns any throwable other than a
 * {@link SelfhealException} into an agent fault and the original behaviour.
 */
public interface HealingHandler {

    /**
     * Called before the body runs.
     *
     * @return {@code null} to proceed with nothing to track, {@link Healing#SHORT_CIRCUIT} to skip
     *     the body, or any other object: a token handed back to {@link #success} or {@link #failure}
     */
    Object enter(int site, Object self);

    /**
     * Called instead of {@link #enter} by the sites of a target with {@code hedge:} (only they pass
     * their arguments at entry, so a copy of the call can run elsewhere).
     */
    default Object enterHedged(int site, Object self, Object[] arguments) {
        return enter(site, self);
    }

    /**
     * Called when {@link #enter} said {@link Healing#SHORT_CIRCUIT}.
     *
     * @param arguments the call's arguments, or {@code null} on the first, allocation-free call
     * @return the value the method returns, {@link Healing#NEEDS_ARGUMENTS} to be called again with
     *     the arguments, or {@link Healing#PROCEED} to run the body after all
     * @throws SelfhealException (for example {@link CircuitOpenException}) when nothing can answer
     */
    Object shortCircuit(int site, Object self, Object[] arguments);

    /** Called when the body returned normally. {@code token} is what enter or failure gave. */
    void success(int site, Object token);

    /**
     * Called instead of {@link #success} when the body returned {@code value} at a site woven to
     * pass it (a target with {@code retry.on-result}); other sites never call it.
     *
     * @param arguments the call's arguments, or {@code null} when the weaver knew none are needed
     * @return a {@link Retry} to run the body again (it becomes the call's token), or the value the
     *     method returns ({@code value} itself, or a fallback's)
     */
    default Object returned(int site, Object token, Object value, Object self, Object[] arguments) {
        success(site, token);
        return value;
    }

    /**
     * Called when the body threw.
     *
     * @return a {@link Retry} to run the body again (it becomes the call's token), {@link
     *     Healing#RETHROW} to rethrow {@code thrown} unchanged, or the value the method returns
     */
    Object failure(int site, Object token, Object self, Throwable thrown, Object[] arguments);

    /**
     * Called instead of {@link #success} when a method that returns a {@code CompletionStage}
     * returned one: the call ends when that stage completes.
     *
     * @param stage what the body returned (possibly {@code null})
     * @param arguments the call's arguments, for a run of the body again
     * @return the stage the method returns instead (at once; it completes once, healed or not)
     */
    default Object stageReturned(int site, Object token, Object self, Object stage, Object[] arguments) {
        success(site, token);
        return stage;
    }

    /** A fault inside the agent's own code; the caller goes on as if unwoven. Must not throw. */
    void fault(String where, Throwable fault);
}
