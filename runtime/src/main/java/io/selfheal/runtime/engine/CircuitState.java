package io.selfheal.runtime.engine;

/** The state of a target's circuit breaker. A target without a breaker is always {@link #CLOSED}. */
public enum CircuitState {
    CLOSED,
    OPEN,
    HALF_OPEN
}
