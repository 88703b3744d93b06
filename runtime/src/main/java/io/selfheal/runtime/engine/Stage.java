package io.selfheal.runtime.engine;

/**
 * One step of healing a woven call, for one target: a strategy's work at the three moments of a
 * call. The target's stages run in the order {@link Stages} gives, which is the order of healing.
 * Every method has a default that does nothing, so a stage writes only what its strategy does; a
 * stage that is not configured is not in the target's list and costs nothing.
 *
 * <ul>
 *   <li>at <b>enter</b>, {@link #admit}: let the run of the body in (taking a permit, a probe) or
 *       refuse it (the call short-circuits), and {@link #giveBack} what was taken when a later
 *       stage refuses;
 *   <li>at <b>success</b>, {@link #succeeded}: bookkeeping of a run that returned;
 *   <li>at <b>failure</b>, {@link #failed}: {@link #CONTINUE} to let the next stage act, or the
 *       decision: a value to return, a retry, {@link io.selfheal.bootstrap.Healing#RETHROW}.
 * </ul>
 *
 * A stage says whether it needs work at enter and at success; a target's fast-path flags are
 * derived from its stages, so a stage that forgets to say so is visible in one place.
 */
interface Stage {
    /** From {@link #failed}: this stage does not decide; the next one acts. */
    Object CONTINUE = new Object();
    /** From {@link #admit}: let the run in, nothing taken. */
    int ADMITTED = 0;
    /** From {@link #admit}: let the run in, holding a bulkhead permit ({@link Ticket#permit}). */
    int PERMIT = 1;
    /** From {@link #admit}: let the run in as a half-open circuit's probe ({@link Ticket#probe}). */
    int PROBE = 2;
    /** From {@link #admit}: the call short-circuits. */
    int REFUSED = -1;

    /** True when a call must pass this stage at enter (with a ticket). */
    default boolean needsEnter() {
        return false;
    }

    /** True when a run that returned needs this stage's bookkeeping. */
    default boolean needsSuccess() {
        return false;
    }

    /** True when a run must carry its start time (a timeout, a slow-call measure). */
    default boolean timesRuns() {
        return false;
    }

    /** Admits a run of the body: {@link #ADMITTED}, {@link #PERMIT}, {@link #PROBE} or {@link #REFUSED}. */
    default int admit() {
        return ADMITTED;
    }

    /** Gives back what {@link #admit} took ({@code admitted}: its bits) when a later stage refused. */
    default void giveBack(int admitted) {
    }

    /**
     * A run of the body returned.
     *
     * @param late the exception that makes the run count as failed after all (it overran its
     *     timeout), or {@code null}
     * @return {@code late}, or the exception this stage finds that makes the run count as failed
     */
    default Throwable succeeded(Site site, Ticket ticket, Throwable late) {
        return late;
    }

    /** A run ended (returned, or failed without a retry taking over its permit): release what it held. */
    default void ended(Ticket ticket) {
    }

    /** A run failed: {@link #CONTINUE}, or the decision. */
    default Object failed(Failure f) {
        return CONTINUE;
    }
}
