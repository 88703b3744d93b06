package io.selfheal.runtime.probation;

import io.selfheal.runtime.engine.LatencyRecorder;
import io.selfheal.runtime.rules.Metric;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One target's metrics over a stretch of time (between two {@link Reading}s): the calls, the
 * failures, and the values of the metrics a condition reads. A metric that cannot be known
 * (no calls, no latency measured) is {@code NaN}, and no condition on it holds.
 */
record Figures(long calls, long failures, long millis, Map<Metric, Double> values) {

    /**
     * The figures between {@code from} and {@code to}; the windowed metrics are computed here,
     * the others ({@code health}, {@code failure-probability}, {@code consecutive-failures}) are
     * the current values {@code instant} gives.
     */
    static Figures between(Reading from, Reading to, Set<Metric> wanted, java.util.function.ToDoubleFunction<Metric> instant) {
        long calls = Math.max(0, to.calls() - from.calls());
        long failures = Math.max(0, to.failures() - from.failures());
        long millis = Math.max(1, to.atMillis() - from.atMillis());
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        for (Metric m : wanted) {
            values.put(m, switch (m) {
                case ERROR_RATE -> calls == 0 ? Double.NaN : Math.min(1.0, (double) failures / calls);
                case CALLS_PER_SECOND -> calls * 1000.0 / millis;
                case LATENCY_P99 -> p99(from.latency(), to.latency());
                default -> instant.applyAsDouble(m);
            });
        }
        return new Figures(calls, failures, millis, values);
    }

    private static double p99(long[] from, long[] to) {
        if (from == null || to == null) {
            return Double.NaN;
        }
        long[] diff = new long[to.length];
        for (int i = 0; i < to.length; i++) {
            diff[i] = Math.max(0, to[i] - (i < from.length ? from[i] : 0));
        }
        double p = LatencyRecorder.percentileMillis(diff, 0.99);
        return p < 0 ? Double.NaN : p;
    }

    double value(Metric m) {
        Double v = values.get(m);
        return v == null ? Double.NaN : v;
    }

    /** For events: calls, failures, the window in ms and each metric by its name (unknown: null). */
    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("calls", calls);
        out.put("failures", failures);
        out.put("millis", millis);
        values.forEach((m, v) -> out.put(m.wireName(), Double.isNaN(v) ? null : round(v)));
        return out;
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
