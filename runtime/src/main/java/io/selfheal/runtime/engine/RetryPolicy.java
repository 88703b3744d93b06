package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.RetryConfig;

/** A target's {@code retry:} block, ready to decide. */
final class RetryPolicy {
    private final RetryConfig config;
    private final Backoff backoff;

    RetryPolicy(RetryConfig config) {
        this.config = config;
        this.backoff = new Backoff(config.backoff());
    }

    /** True when a call that has run {@code attemptsSoFar} times and failed with {@code t} may run again. */
    boolean allows(Throwable t, int attemptsSoFar) {
        return attemptsSoFar < config.maxAttempts() && config.filter().matches(t);
    }

    boolean hasAttemptsLeft(int attemptsSoFar) {
        return attemptsSoFar < config.maxAttempts();
    }

    io.selfheal.runtime.config.ExceptionFilter filter() {
        return config.filter();
    }

    /** The wait before the next attempt, after {@code attemptsSoFar} attempts. */
    long delayMillis(int attemptsSoFar) {
        return backoff.delayMillis(attemptsSoFar);
    }

    int maxAttempts() {
        return config.maxAttempts();
    }
}
