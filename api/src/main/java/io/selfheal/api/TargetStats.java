package io.selfheal.api;

import java.util.List;
import java.util.Map;

/**
 * A target's figures: those of its MBean, {@code io.selfheal:type=Target,name=<target>}, read at
 * the moment {@link SelfHeal#stats} was called. Calls woven by the config and calls from code
 * count together.
 *
 * @param name the target's name
 * @param configured false when no agent runs or the config has no such target: then every count is 0
 * @param calls calls that entered (short-circuited ones included)
 * @param failures runs of the body that threw (each failed attempt counts)
 * @param healed calls that failed at least once and still returned (by retry or fallback)
 * @param unhealed calls that ended by rethrowing the application's exception
 * @param retries re-runs of the body
 * @param fallbacks calls answered by a fallback, short-circuits included
 * @param shortCircuits calls that did not run the body (open circuit, isolation, full bulkhead)
 * @param circuitState CLOSED, OPEN or HALF_OPEN (CLOSED without a circuit breaker)
 * @param failuresInWindow failures in the circuit breaker's window now
 * @param isolated true while the target is quarantined
 * @param health HEALTHY, DEGRADED, UNHEALTHY or CRITICAL
 * @param errorRate failed runs over runs in the health window, 0..1
 * @param lastErrorType the class name of the latest failure, or null
 * @param lastErrorMessage its message, or null
 * @param lastErrorTime when it happened, ISO-8601, or null
 * @param latencyP50Millis the median latency of calls that returned; -1 when not measured
 * @param latencyP99Millis the 99th percentile; -1 when not measured
 * @param failureProbability the prediction's failure probability, 0..1; -1 when the target does not predict
 * @param figures every attribute of the MBean by its name ({@code Calls}, {@code CircuitState}, ...),
 *     those above and any other; empty when not configured
 */
public record TargetStats(String name, boolean configured, long calls, long failures, long healed, long unhealed,
        long retries, long fallbacks, long shortCircuits, String circuitState, int failuresInWindow, boolean isolated,
        String health, double errorRate, String lastErrorType, String lastErrorMessage, String lastErrorTime,
        double latencyP50Millis, double latencyP99Millis, double failureProbability, Map<String, Object> figures) {

    /** The figures of a target that no agent, or no config, knows. */
    static TargetStats unknown(String name) {
        return new TargetStats(name, false, 0, 0, 0, 0, 0, 0, 0, null, 0, false, null, 0, null, null, null, -1, -1,
                -1, Map.of());
    }

    /** The record made from the MBean's attributes by name. */
    static TargetStats of(String name, Map<String, Object> f) {
        return new TargetStats(name, true, count(f, "Calls"), count(f, "Failures"), count(f, "Healed"),
                count(f, "Unhealed"), count(f, "Retries"), count(f, "Fallbacks"), count(f, "ShortCircuits"),
                text(f, "CircuitState"), (int) count(f, "FailuresInWindow"), Boolean.TRUE.equals(f.get("Isolated")),
                text(f, "Health"), number(f, "ErrorRate", 0), text(f, "LastErrorType"), text(f, "LastErrorMessage"),
                text(f, "LastErrorTime"), number(f, "LatencyP50Millis", -1), number(f, "LatencyP99Millis", -1),
                number(f, "FailureProbability", -1), f);
    }

    private static long count(Map<String, Object> f, String key) {
        return f.get(key) instanceof Number n ? n.longValue() : 0;
    }

    private static double number(Map<String, Object> f, String key, double absent) {
        return f.get(key) instanceof Number n ? n.doubleValue() : absent;
    }

    private static String text(Map<String, Object> f, String key) {
        Object v = f.get(key);
        return v == null ? null : v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList())
                : v.toString();
    }
}
