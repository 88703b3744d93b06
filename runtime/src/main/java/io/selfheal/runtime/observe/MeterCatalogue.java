package io.selfheal.runtime.observe;

import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.TargetRuntime;
import io.selfheal.runtime.health.HealthMonitor;
import java.util.List;

/**
 * The meters the agent publishes into an application's Micrometer or OpenTelemetry: the values of
 * /metrics ({@code PrometheusText}) under the same names in the other system's form. Made only when
 * one of them is found.
 */
final class MeterCatalogue {
    private MeterCatalogue() {
    }

    static List<Meter> of(HealingEngine engine, HealthMonitor health) {
        return List.of(
                counter("selfheal.calls", "Calls that entered a woven method.", t -> t.stats().calls.sum()),
                counter("selfheal.failures", "Runs of a woven body that threw.", t -> t.stats().failures.sum()),
                counter("selfheal.healed", "Calls that failed and still returned normally.", t -> t.stats().healed.sum()),
                counter("selfheal.unhealed", "Calls that ended by rethrowing the exception.",
                        t -> t.stats().unhealed.sum()),
                counter("selfheal.retries", "Re-runs of a woven body.", t -> t.stats().retries.sum()),
                counter("selfheal.fallbacks", "Calls answered by a fallback.", t -> t.stats().fallbacks.sum()),
                counter("selfheal.short_circuits", "Calls that did not run the body.",
                        t -> t.stats().shortCircuits.sum()),
                gauge("selfheal.circuit_state", "Circuit state: 0 closed, 1 open, 2 half-open.",
                        t -> t.circuitState().ordinal()),
                gauge("selfheal.failures_in_window", "Failures the circuit breaker counts now.",
                        TargetRuntime::failuresInWindow),
                gauge("selfheal.isolated", "1 when the target is isolated.", t -> t.isIsolated() ? 1 : 0),
                gauge("selfheal.health", "Health: 0 healthy, 1 degraded, 2 unhealthy, 3 critical.",
                        t -> health.health(t).health().ordinal()),
                gauge("selfheal.error_rate", "Failed runs over runs in the health window.",
                        t -> health.health(t).errorRate()),
                new Meter("selfheal.agent_faults", "Faults inside the agent (the application went on).", true, null,
                        () -> engine.faults().count()),
                new Meter("selfheal.agent_health", "The agent's health: the worst of its targets'.", false, null,
                        () -> health.agentHealth().ordinal()));
    }

    private static Meter counter(String name, String description, java.util.function.ToDoubleFunction<TargetRuntime> f) {
        return new Meter(name, description, true, f, null);
    }

    private static Meter gauge(String name, String description, java.util.function.ToDoubleFunction<TargetRuntime> f) {
        return new Meter(name, description, false, f, null);
    }
}
