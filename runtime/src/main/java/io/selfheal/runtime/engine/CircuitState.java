package io.selfheal.runtime.engine;

import java.util.Locale;

/** The state of a target's circuit breaker. A target without a breaker is always {@link #CLOSED}. */
public enum CircuitState {
    CLOSED,
    OPEN,
    HALF_OPEN;

    /** As events, the state file and status show it: {@code closed}, {@code open}, {@code half-open}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
