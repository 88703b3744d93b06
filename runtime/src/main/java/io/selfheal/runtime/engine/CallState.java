package io.selfheal.runtime.engine;

import io.selfheal.bootstrap.Retry;

/**
 * What the engine remembers about one call while it is being healed: which attempt is running and
 * when it first failed. Created at the first failure only, so a call that succeeds first time
 * allocates nothing. Handed to the woven code as a {@link Retry} and given back on the next
 * success or failure of the same call.
 */
final class CallState extends Retry {
    final long firstFailureNanos;
    int attempt = 1;
    /** When the call entered, for targets that measure latency; -1 otherwise. */
    long startNanos = -1;

    CallState(long firstFailureNanos) {
        this.firstFailureNanos = firstFailureNanos;
    }
}
