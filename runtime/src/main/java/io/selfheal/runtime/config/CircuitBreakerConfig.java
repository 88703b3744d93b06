package io.selfheal.runtime.config;

import java.time.Duration;
import java.util.List;

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

    @ConfigKey.Doc("failures in the window that open the circuit")
    static final ConfigKey FAILURE_THRESHOLD = ConfigKey.integer("failure-threshold", DEFAULT_FAILURE_THRESHOLD, 1,
            MAX_WINDOW);
    @ConfigKey.Doc("a number: the last N calls; a duration: the last stretch of time (at least 1ms)")
    static final ConfigKey WINDOW = ConfigKey.countOrDuration("window", DEFAULT_WINDOW, 1, MAX_WINDOW);
    @ConfigKey.Doc("open when this share of the calls in the window failed, instead of a count; give it or "
            + "failure-threshold, not both")
    static final ConfigKey FAILURE_RATE = ConfigKey.number("failure-rate", 0.0, 0.0, 1.0, "none");
    @ConfigKey.Doc("a rate is judged only once the window holds this many calls")
    static final ConfigKey MINIMUM_CALLS = ConfigKey.integer("minimum-calls", DEFAULT_MINIMUM_CALLS, 1, MAX_WINDOW);
    @ConfigKey.Doc("calls slower than a threshold count toward opening the circuit")
    static final ConfigKey SLOW_CALL = ConfigKey.section("slow-call", "SlowCallConfig.KEYS", "none");
    @ConfigKey.Doc("how long an open circuit short-circuits before it lets probes through; more than 0")
    static final ConfigKey OPEN_FOR = ConfigKey.duration("open-for", DEFAULT_OPEN_FOR);
    @ConfigKey.Doc("probes let through when half-open")
    static final ConfigKey HALF_OPEN_CALLS = ConfigKey.integer("half-open-calls", 1, 1, 1000);
    static final List<ConfigKey> KEYS = ConfigKey.join(List.of(FAILURE_THRESHOLD, WINDOW, FAILURE_RATE,
            MINIMUM_CALLS, SLOW_CALL, OPEN_FOR, HALF_OPEN_CALLS), ExceptionFilter.KEYS);

    public boolean timeBased() {
        return windowDuration != null;
    }

    /** True when the window must know how many calls it holds (rate-based), not only its failures. */
    public boolean countsCalls() {
        return failureRate > 0 || slowCall != null;
    }

    static CircuitBreakerConfig read(Section s) {
        int threshold = s.integer(FAILURE_THRESHOLD);
        int windowCalls = DEFAULT_WINDOW;
        Duration windowDuration = null;
        YamlNode w = s.node(WINDOW);
        if (w instanceof YamlNode.ScalarNode scalar && scalar.value() instanceof Long) {
            windowCalls = s.integer(WINDOW);
        } else if (w != null && !Section.isNull(w)) {
            windowDuration = s.duration(WINDOW.name(), null);
            if (windowDuration != null) {
                windowCalls = 0;
                if (windowDuration.toMillis() < 1) {
                    s.problem(WINDOW, "a time window must be at least 1ms");
                    windowDuration = Duration.ofSeconds(10);
                }
            }
        }
        double rate = s.number(FAILURE_RATE);
        if (s.has(FAILURE_RATE) && rate == 0.0) {
            s.problem(FAILURE_RATE, "must be more than 0 (a share of the window, such as 0.5)");
        }
        if (s.has(FAILURE_RATE) && s.has(FAILURE_THRESHOLD)) {
            s.problem(FAILURE_RATE, "give failure-threshold (a count) or failure-rate (a share), not both");
        }
        int minimumCalls = s.integer(MINIMUM_CALLS);
        SlowCallConfig slow = s.has(SLOW_CALL) ? SlowCallConfig.read(s.section(SLOW_CALL)) : null;
        Duration openFor = s.duration(OPEN_FOR);
        int halfOpenCalls = s.integer(HALF_OPEN_CALLS);
        ExceptionFilter filter = ExceptionFilter.read(s);
        s.rejectUnknownKeys("key", KEYS);
        if (windowCalls > 0 && rate == 0.0 && threshold > windowCalls) {
            if (s.has(FAILURE_THRESHOLD)) {
                s.problem(FAILURE_THRESHOLD, "is larger than the window (" + windowCalls
                        + " calls): the circuit could never open");
            } else {
                threshold = windowCalls;   // the default threshold, in a window smaller than it
            }
        }
        if (windowCalls > 0 && (rate > 0 || slow != null) && minimumCalls > windowCalls) {
            s.problem(MINIMUM_CALLS, "is larger than the window (" + windowCalls + " calls)");
        }
        if (openFor.isZero()) {
            s.problem(OPEN_FOR, "must be more than 0");
            openFor = DEFAULT_OPEN_FOR;
        }
        return new CircuitBreakerConfig(threshold, windowCalls, windowDuration, rate, minimumCalls, slow,
                openFor, halfOpenCalls, filter);
    }
}
