package io.selfheal.runtime.config;

import java.time.Duration;

/**
 * {@code circuit-breaker:}. The window is either count-based ({@code window: 100}, the last 100
 * calls; {@link #windowCalls} &gt; 0) or time-based ({@code window: 10s}; {@link #windowDuration}
 * not null). The circuit opens on {@code failure-threshold} failures in the window, or, when
 * {@code failure-rate} is given, on that share of failures once {@code minimum-calls} calls were seen.
 *
 * @param failureRate 0 when the count ({@code failure-threshold}) decides
 */
public record CircuitBreakerConfig(
        int failureThreshold,
        int windowCalls,
        Duration windowDuration,
        double failureRate,
        int minimumCalls,
        SlowCallConfig slowCall,
        Duration openFor,
        int halfOpenCalls,
        ExceptionFilter filter) {

    public static final int DEFAULT_FAILURE_THRESHOLD = 5;
    public static final int DEFAULT_WINDOW = 100;
    public static final int MAX_WINDOW = 100_000;
    public static final int DEFAULT_MINIMUM_CALLS = 10;
    public static final Duration DEFAULT_OPEN_FOR = Duration.ofSeconds(30);

    public boolean timeBased() {
        return windowDuration != null;
    }

    /** True when the window must know how many calls it holds (rate-based), not only its failures. */
    public boolean countsCalls() {
        return failureRate > 0 || slowCall != null;
    }

    static CircuitBreakerConfig read(Section s) {
        int threshold = s.integer("failure-threshold", DEFAULT_FAILURE_THRESHOLD, 1, MAX_WINDOW);
        int windowCalls = DEFAULT_WINDOW;
        Duration windowDuration = null;
        YamlNode w = s.node("window");
        if (w instanceof YamlNode.ScalarNode scalar && scalar.value() instanceof Long) {
            windowCalls = s.integer("window", DEFAULT_WINDOW, 1, MAX_WINDOW);
        } else if (w != null && !Section.isNull(w)) {
            windowDuration = s.duration("window", null);
            if (windowDuration != null) {
                windowCalls = 0;
                if (windowDuration.toMillis() < 1) {
                    s.problem("window", "a time window must be at least 1ms");
                    windowDuration = Duration.ofSeconds(10);
                }
            }
        }
        double rate = s.number("failure-rate", 0.0, 0.0, 1.0);
        if (s.has("failure-rate") && rate == 0.0) {
            s.problem("failure-rate", "must be more than 0 (a share of the window, such as 0.5)");
        }
        if (s.has("failure-rate") && s.has("failure-threshold")) {
            s.problem("failure-rate", "give failure-threshold (a count) or failure-rate (a share), not both");
        }
        int minimumCalls = s.integer("minimum-calls", DEFAULT_MINIMUM_CALLS, 1, MAX_WINDOW);
        SlowCallConfig slow = s.has("slow-call") ? SlowCallConfig.read(s.section("slow-call")) : null;
        Duration openFor = s.duration("open-for", DEFAULT_OPEN_FOR);
        int halfOpenCalls = s.integer("half-open-calls", 1, 1, 1000);
        ExceptionFilter filter = ExceptionFilter.read(s);
        s.rejectUnknownKeys("key");
        if (windowCalls > 0 && rate == 0.0 && threshold > windowCalls) {
            if (s.has("failure-threshold")) {
                s.problem("failure-threshold", "is larger than the window (" + windowCalls
                        + " calls): the circuit could never open");
            } else {
                threshold = windowCalls;   // the default threshold, in a window smaller than it
            }
        }
        if (windowCalls > 0 && (rate > 0 || slow != null) && minimumCalls > windowCalls) {
            s.problem("minimum-calls", "is larger than the window (" + windowCalls + " calls)");
        }
        if (openFor.isZero()) {
            s.problem("open-for", "must be more than 0");
            openFor = DEFAULT_OPEN_FOR;
        }
        return new CircuitBreakerConfig(threshold, windowCalls, windowDuration, rate, minimumCalls, slow,
                openFor, halfOpenCalls, filter);
    }
}
