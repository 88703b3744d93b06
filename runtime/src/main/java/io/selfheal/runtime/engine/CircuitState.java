package io.selfheal.runtime.engine;

/** The state of a target's circuit breaker. */
public enum CircuitState {
    CLOSED,
    OPEN,
    HALF_OPEN
}
