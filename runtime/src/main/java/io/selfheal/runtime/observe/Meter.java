package io.selfheal.runtime.observe;

import io.selfheal.runtime.engine.TargetRuntime;
import java.util.function.ToDoubleFunction;

/**
 * One of the agent's meters as another metrics system sees it: its name there ({@code selfheal.calls};
 * the Prometheus name of /metrics is the same with dots as underscores, and {@code _total} after a
 * counter), what it counts, and how to read it for a target (or, without a target, for the agent).
 */
record Meter(String name, String description, boolean counter, ToDoubleFunction<TargetRuntime> perTarget,
        java.util.function.DoubleSupplier agentWide) {

    /** The name /metrics gives the same value. */
    String prometheusName() {
        return name.replace('.', '_') + (counter ? "_total" : "");
    }

    boolean isPerTarget() {
        return perTarget != null;
    }
}
