package io.selfheal.runtime.http;

import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.LatencyRecorder;
import io.selfheal.runtime.engine.TargetRuntime;
import io.selfheal.runtime.health.HealthMonitor;
import io.selfheal.runtime.rules.JvmMemory;
import io.selfheal.runtime.patch.PatchApplier;
import io.selfheal.runtime.patch.PatchInfo;
import java.util.Collection;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The metrics in the Prometheus text exposition format (version 0.0.4). Counters end in
 * {@code _total}; states are gauges: circuit 0 closed, 1 open, 2 half-open; health 0 healthy,
 * 1 degraded, 2 unhealthy, 3 critical.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    public static String render(HealingEngine engine, HealthMonitor health, String version, double uptimeSeconds) {
        StringBuilder sb = new StringBuilder(2048);
        Collection<TargetRuntime> targets = engine.targets();
        counter(sb, targets, "selfheal_calls_total", "Calls that entered a woven method.", t -> t.stats().calls.sum());
        counter(sb, targets, "selfheal_failures_total", "Runs of a woven body that threw.", t -> t.stats().failures.sum());
        counter(sb, targets, "selfheal_healed_total", "Calls that failed and still returned normally.", t -> t.stats().healed.sum());
        counter(sb, targets, "selfheal_unhealed_total", "Calls that ended by rethrowing the exception.", t -> t.stats().unhealed.sum());
        counter(sb, targets, "selfheal_retries_total", "Re-runs of a woven body.", t -> t.stats().retries.sum());
        counter(sb, targets, "selfheal_fallbacks_total", "Calls answered by a fallback.", t -> t.stats().fallbacks.sum());
        counter(sb, targets, "selfheal_short_circuits_total", "Calls that did not run the body.", t -> t.stats().shortCircuits.sum());
        counter(sb, targets, "selfheal_rate_limited_total", "Calls refused by rate-limit.", t -> t.stats().rateLimited.sum());
        counter(sb, targets, "selfheal_hedges_total", "Hedge copies that ran.", t -> t.stats().hedges.sum());
        counter(sb, targets, "selfheal_hedge_wins_total", "Hedge copies whose value answered the call.", t -> t.stats().hedgeWins.sum());
        counter(sb, targets, "selfheal_hedges_dropped_total", "Hedged attempts whose value or exception was dropped.", t -> t.stats().hedgesDropped.sum());
        counter(sb, targets, "selfheal_drill_faults_total", "Faults a drill injected (not counted as failures).", t -> t.stats().drillFaults.sum());
        gauge(sb, targets, "selfheal_circuit_state", "Circuit state: 0 closed, 1 open, 2 half-open.", t -> t.circuitState().ordinal());
        gauge(sb, targets, "selfheal_failures_in_window", "Failures the circuit breaker counts now.", TargetRuntime::failuresInWindow);
        gauge(sb, targets, "selfheal_isolated", "1 when the target is isolated.", t -> t.isIsolated() ? 1 : 0);
        gauge(sb, targets, "selfheal_health", "Health: 0 healthy, 1 degraded, 2 unhealthy, 3 critical.",
                t -> health.health(t).health().ordinal());
        gauge(sb, targets, "selfheal_error_rate", "Failed runs over runs in the health window.",
                t -> health.health(t).errorRate());
        Collection<TargetRuntime> limited = targets.stream().filter(TargetRuntime::hasConcurrencyLimit).toList();
        if (!limited.isEmpty()) {
            gauge(sb, limited, "selfheal_concurrency_limit", "The adaptive concurrency limit now.",
                    TargetRuntime::concurrencyLimit);
            counter(sb, limited, "selfheal_concurrency_limited_total", "Calls the concurrency limit refused.",
                    TargetRuntime::concurrencyLimitedCalls);
        }
        Collection<TargetRuntime> bounded = targets.stream().filter(t -> t.inFlight() >= 0).toList();
        if (!bounded.isEmpty()) {
            gauge(sb, bounded, "selfheal_in_flight", "Calls running now under a concurrency limit or a bulkhead.",
                    TargetRuntime::inFlight);
        }
        latency(sb, targets);
        patches(sb, engine.patchApplier());

        header(sb, "selfheal_agent_faults_total", "Faults inside the agent (the application went on).", "counter");
        sb.append("selfheal_agent_faults_total ").append(engine.faults().count()).append('\n');
        header(sb, "selfheal_agent_health", "The agent's health: the worst of its targets'.", "gauge");
        sb.append("selfheal_agent_health ").append(health.agentHealth().ordinal()).append('\n');
        header(sb, "selfheal_uptime_seconds", "Seconds since the agent started.", "gauge");
        sb.append("selfheal_uptime_seconds ").append(uptimeSeconds).append('\n');
        memory(sb);
        header(sb, "selfheal_info", "The agent's version.", "gauge");
        sb.append("selfheal_info{version=\"").append(escape(version)).append("\"} 1\n");
        return sb.toString();
    }

    /** The JVM's memory, when it is watched ({@code memory:}, or a condition on heap-after-gc or gc-time). */
    private static void memory(StringBuilder sb) {
        JvmMemory m = JvmMemory.installed();
        if (m == null) {
            return;
        }
        header(sb, "selfheal_heap_after_gc_ratio", "Heap in use after the last collection over the maximum heap.", "gauge");
        sb.append("selfheal_heap_after_gc_ratio ").append(m.heapAfterGc()).append('\n');
        header(sb, "selfheal_gc_time_ratio", "Fraction of the last 10 s spent in collection pauses.", "gauge");
        sb.append("selfheal_gc_time_ratio ").append(m.gcTime()).append('\n');
        header(sb, "selfheal_heap_after_gc_bytes", "Heap bytes in use after the last collection.", "gauge");
        sb.append("selfheal_heap_after_gc_bytes ").append(m.heapAfterGcBytes()).append('\n');
        header(sb, "selfheal_memory_reclaims_total", "Runs of the reclaimers of memory:.", "counter");
        sb.append("selfheal_memory_reclaims_total ").append(m.reclaims()).append('\n');
        header(sb, "selfheal_memory_events_dropped_total", "memory-reclaimed events dropped for want of memory.", "counter");
        sb.append("selfheal_memory_events_dropped_total ").append(m.droppedEvents()).append('\n');
    }

    private static void latency(StringBuilder sb, Collection<TargetRuntime> targets) {
        boolean any = targets.stream().anyMatch(t -> t.latency() != null);
        if (!any) {
            return;
        }
        header(sb, "selfheal_latency_seconds", "Latency of calls that returned, for targets with latency: true.", "summary");
        for (TargetRuntime t : targets) {
            LatencyRecorder l = t.latency();
            if (l == null) {
                continue;
            }
            for (double q : new double[] {0.5, 0.99}) {
                double ms = l.percentileMillis(q);
                sb.append("selfheal_latency_seconds{target=\"").append(escape(t.name())).append("\",quantile=\"")
                        .append(q).append("\"} ").append(ms < 0 ? "NaN" : Double.toString(ms / 1000)).append('\n');
            }
            sb.append("selfheal_latency_seconds_count{target=\"").append(escape(t.name())).append("\"} ")
                    .append(l.count()).append('\n');
        }
    }

    /**
     * {@code selfheal_patch_info{id,sha256,state} 1} for each applied patch: a fleet's patch state
     * in one query. {@code state} is {@code applied}, {@code on-probation} or {@code kept}; a patch
     * rolled back is gone from it (its event says why).
     */
    private static void patches(StringBuilder sb, PatchApplier applier) {
        List<PatchInfo> applied = applier == null ? List.of() : applier.patches();
        if (applied.isEmpty()) {
            return;
        }
        header(sb, "selfheal_patch_info", "An applied hot patch: its id, the jar's SHA-256 and its state.", "gauge");
        for (PatchInfo p : applied) {
            String state = p.getStatus().startsWith("applied") ? "applied" : p.getStatus();
            sb.append("selfheal_patch_info{id=\"").append(escape(p.getId())).append("\",sha256=\"")
                    .append(escape(p.getSha256())).append("\",state=\"").append(escape(state)).append("\"} 1\n");
        }
    }

    private static void counter(StringBuilder sb, Collection<TargetRuntime> targets, String name, String help,
            ToDoubleFunction<TargetRuntime> value) {
        header(sb, name, help, "counter");
        samples(sb, targets, name, value, true);
    }

    private static void gauge(StringBuilder sb, Collection<TargetRuntime> targets, String name, String help,
            ToDoubleFunction<TargetRuntime> value) {
        header(sb, name, help, "gauge");
        samples(sb, targets, name, value, false);
    }

    private static void samples(StringBuilder sb, Collection<TargetRuntime> targets, String name,
            ToDoubleFunction<TargetRuntime> value, boolean whole) {
        for (TargetRuntime t : targets) {
            double v = value.applyAsDouble(t);
            sb.append(name).append("{target=\"").append(escape(t.name())).append("\"} ");
            if (whole) {
                sb.append((long) v);
            } else {
                sb.append(v);
            }
            sb.append('\n');
        }
    }

    private static void header(StringBuilder sb, String name, String help, String type) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Label values escape backslash, double quote and newline. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
