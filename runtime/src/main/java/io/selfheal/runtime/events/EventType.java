package io.selfheal.runtime.events;

/** The {@code type} of a healing-log line. The names are public contract: tooling greps for them. */
public enum EventType {
    AGENT_STARTED("agent-started"),
    AGENT_DISABLED("agent-disabled"),
    TARGET_WOVEN("target-woven"),
    CONFIG_PROBLEM("config-problem"),
    ERROR_DETECTED("error-detected"),
    RETRY("retry"),
    HEALED("healed"),
    HEALING_FAILED("healing-failed"),
    FALLBACK("fallback"),
    CIRCUIT_OPENED("circuit-opened"),
    CIRCUIT_HALF_OPEN("circuit-half-open"),
    CIRCUIT_CLOSED("circuit-closed"),
    SHORT_CIRCUITED("short-circuited"),
    ISOLATED("isolated"),
    RELEASED("released"),
    BULKHEAD_FULL("bulkhead-full"),
    RATE_LIMITED("rate-limited"),
    LIMIT_CHANGED("limit-changed"),
    TIMEOUT("timeout"),
    STATE_RESTORED("state-restored"),
    CHECKPOINT_CREATED("checkpoint-created"),
    CHECKPOINT_RESTORED("checkpoint-restored"),
    PATCH_APPLIED("patch-applied"),
    PATCH_REJECTED("patch-rejected"),
    PATCH_ROLLED_BACK("patch-rolled-back"),
    PATCH_KEPT("patch-kept"),
    HEALTH_CHANGED("health-changed"),
    PREDICTION_WARNING("prediction-warning"),
    POLICY_FIRED("policy-fired"),
    POLICY_SKIPPED("policy-skipped"),
    ALERT("alert"),
    CONFIG_RELOADED("config-reloaded"),
    CONFIG_REJECTED("config-rejected"),
    EVENTS_DROPPED("events-dropped"),
    STATE_LOADED("state-loaded"),
    STATE_WARNING("state-warning"),
    MEMORY_RECLAIMED("memory-reclaimed"),
    AGENT_FAULT("agent-fault"),
    DRILL_STARTED("drill-started"),
    DRILL_ENDED("drill-ended");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name written in the {@code type} field. */
    public String wireName() {
        return wireName;
    }
}
