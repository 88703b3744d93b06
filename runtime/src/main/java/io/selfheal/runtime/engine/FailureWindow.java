package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.CircuitBreakerConfig;

/**
 * The part of a circuit breaker that remembers recent calls and says when they warrant opening.
 * {@link #recordSuccess} is on the success path of every woven call: it must not allocate or lock.
 * The other methods run on failure paths, under the breaker's lock.
 */
interface FailureWindow {

    /** @param calls the target's call counter, incremented at every enter */
    static FailureWindow of(CircuitBreakerConfig c, ThreadCellCounter calls) {
        return c.timeBased() ? new TimeWindow(c) : new CountWindow(c, calls);
    }

    /** A call ended well (and was not slow). */
    void recordSuccess(long nowNanos);

    /**
     * A call ended with a failure the breaker counts, or (with {@code slow}) ended well but slowly.
     *
     * @return true when the window now says the circuit should open
     */
    boolean recordFailure(long nowNanos, boolean slow);

    /** Failures now in the window. */
    int failures(long nowNanos);

    /** Forget everything (the circuit opened or was reset). */
    void reset(long nowNanos);
}
