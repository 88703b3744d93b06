package io.selfheal.runtime.engine;

import io.selfheal.bootstrap.Retry;
import io.selfheal.runtime.adaptive.AdaptiveSelector;

/**
 * What the engine remembers about one call while it is being healed: which attempt is running,
 * when it first failed, what the running attempt holds and, for a target with {@code restore:},
 * the receiver's fields as the call found them. Created at entry only for such targets (a call of
 * any other target that succeeds first time allocates nothing), otherwise at the first failure.
 * Handed to the woven code as a {@link Retry} and given back on the next success or failure of
 * the same call.
 */
final class CallState extends Retry {
    /** The restore fields' values at entry, or {@code null}; every retry starts from these. */
    final Object[] snapshot;
    long firstFailureNanos;
    boolean failed;
    int attempt = 1;
    /** What the running attempt holds (permit, probe, timer), or {@code null}. */
    Ticket ticket;
    /** The category and severity of the latest failure, for the event that says it healed. */
    Classification classification;
    /** For a target with {@code strategy: adaptive}: the candidate chosen at the first failure, and for what. */
    AdaptiveSelector.Choice choice;
    Throwable choiceFor;
    /**
     * How many first failures of this exception type on this target the call's error-detected
     * event reports (itself and those throttled before it); 0 when the event was throttled, and then
     * so are the call's later error-detected and its healing-failed.
     */
    long reportedFailures = -1;
    /** The drill that touched this call, until the call's end is told to it; {@code null} for any other call. */
    Drill drill;
    /** When the drill touched the call: its heal time runs from here. */
    long drillStartNanos;
    /** A touched call admitted no run (a circuit open, a quarantine): the short-circuit answers it. */
    boolean drillRefused;
    /** A run of the touched call overran its timeout: healed, it counts as healed by timeout. */
    boolean drillTimedOut;
    /** For a retry of a returned stage's failure: the backoff the scheduler waits before the run. */
    long asyncDelayMillis;

    CallState(Object[] snapshot) {
        this.snapshot = snapshot;
    }

    /** Records a failure; the first one starts the healing clock. */
    void failedAt(long nanos) {
        if (!failed) {
            failed = true;
            firstFailureNanos = nanos;
        }
    }
}
