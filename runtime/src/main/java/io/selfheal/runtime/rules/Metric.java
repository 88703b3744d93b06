package io.selfheal.runtime.rules;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A value a policy condition can test. The names are public contract (they appear in rules). */
public enum Metric {
    /** Failures per call over the last policy interval, 0-1 (a literal may be written {@code 15%}). */
    ERROR_RATE("error-rate", Unit.RATIO),
    /** Calls that entered per second over the last policy interval. */
    CALLS_PER_SECOND("calls-per-second", Unit.NUMBER),
    /** The 99th percentile call duration in milliseconds (a literal may be written {@code 250ms}). */
    LATENCY_P99("latency-p99", Unit.MILLIS),
    /** The target's health score, 0 (down) to 1 (healthy). */
    HEALTH("health", Unit.RATIO),
    /** The predicted failure probability, 0-1. */
    FAILURE_PROBABILITY("failure-probability", Unit.RATIO),
    /** Failed calls in a row since the last success. */
    CONSECUTIVE_FAILURES("consecutive-failures", Unit.NUMBER),
    /** The JVM's heap in use after the last collection, over the maximum heap, 0-1 (the same for every target). */
    HEAP_AFTER_GC("heap-after-gc", Unit.RATIO),
    /** The fraction of wall time spent in collection pauses over the last window, 0-1 (the same for every target). */
    GC_TIME("gc-time", Unit.RATIO),
    /** The target's adaptive concurrency limit now ({@code concurrency-limit:}). */
    CONCURRENCY_LIMIT("concurrency-limit", Unit.NUMBER);

    /** How a literal compared with the metric may be written. */
    public enum Unit { NUMBER, RATIO, MILLIS }

    private final String wireName;
    private final Unit unit;

    Metric(String wireName, Unit unit) {
        this.wireName = wireName;
        this.unit = unit;
    }

    public String wireName() {
        return wireName;
    }

    public Unit unit() {
        return unit;
    }

    /** True for the JVM's memory metrics, which every target reads alike. */
    public boolean jvmWide() {
        return this == HEAP_AFTER_GC || this == GC_TIME;
    }

    public static Metric byName(String name) {
        for (Metric m : values()) {
            if (m.wireName.equals(name)) {
                return m;
            }
        }
        return null;
    }

    public static String names() {
        return Arrays.stream(values()).map(Metric::wireName).collect(Collectors.joining(", "));
    }
}
