package io.selfheal.runtime.rules;

/** Where the policy evaluator reads a target's metrics. */
public interface TargetMetrics {
    /** The current value, or {@link Double#NaN} when it is not known (a condition on it does not hold). */
    double value(String target, Metric metric);
}
