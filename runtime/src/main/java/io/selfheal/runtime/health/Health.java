package io.selfheal.runtime.health;

/** How well a target (or the agent) is doing, from best to worst. */
public enum Health {
    HEALTHY,
    DEGRADED,
    UNHEALTHY,
    CRITICAL;

    public Health worse(Health other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
