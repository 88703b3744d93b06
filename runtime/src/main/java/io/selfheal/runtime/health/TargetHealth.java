package io.selfheal.runtime.health;

/**
 * The health of one target over the configured window: {@code runs} of the body and the
 * {@code failures} among them, and the resulting error rate.
 */
public record TargetHealth(Health health, double errorRate, long runs, long failures) {
}
