package io.selfheal.runtime.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code concurrency-limit:}: a limit on the target's calls in flight that adjusts itself from
 * each call's latency and outcome ({@code algorithm}), starting at {@code initial}, never outside
 * {@code min..max}. A call over the limit gets the fallback chain (else {@code
 * ConcurrencyLimitedException}), or with {@code on-limit: wait} waits up to {@code max-wait} for a
 * slot first.
 */
public record ConcurrencyLimitConfig(String algorithm, int initial, int min, int max, OnLimit onLimit,
        Duration maxWait) {

    /** What a call over the limit gets. */
    public enum OnLimit {
        FALLBACK("fallback"),
        WAIT("wait");

        private final String wireName;

        OnLimit(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public static final List<String> ALGORITHMS = List.of("gradient", "vegas", "aimd");
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(100);
    public static final int MAX_LIMIT = 1_000_000;

    @ConfigKey.Doc("how the limit learns from latency and failures: gradient, vegas or aimd")
    static final ConfigKey ALGORITHM = ConfigKey.oneOf("algorithm", "gradient", ALGORITHMS);
    @ConfigKey.Doc("the limit before the first measurement; between min and max")
    static final ConfigKey INITIAL = ConfigKey.integer("initial", 20, 1, MAX_LIMIT);
    @ConfigKey.Doc("the limit never goes below this")
    static final ConfigKey MIN = ConfigKey.integer("min", 1, 1, MAX_LIMIT);
    @ConfigKey.Doc("the limit never goes above this")
    static final ConfigKey MAX = ConfigKey.integer("max", 200, 1, MAX_LIMIT);
    @ConfigKey.Doc("a call over the limit: fallback (the fallback chain, else ConcurrencyLimitedException) or wait "
            + "(for a slot, up to max-wait, then as fallback)")
    static final ConfigKey ON_LIMIT = ConfigKey.oneOf("on-limit", "fallback", List.of("fallback", "wait"));
    @ConfigKey.Doc("with on-limit: wait, the longest a call waits for a slot; more than 0")
    static final ConfigKey MAX_WAIT = ConfigKey.duration("max-wait", DEFAULT_MAX_WAIT);
    static final List<ConfigKey> KEYS = List.of(ALGORITHM, INITIAL, MIN, MAX, ON_LIMIT, MAX_WAIT);

    static ConcurrencyLimitConfig read(Section s) {
        String algorithm = s.string(ALGORITHM);
        if (algorithm == null || !ALGORITHMS.contains(algorithm)) {
            s.problem(ALGORITHM, "must be gradient, vegas or aimd, found '" + algorithm + "'");
            algorithm = "gradient";
        }
        int initial = s.integer(INITIAL);
        int min = s.integer(MIN);
        int max = s.integer(MAX);
        String onLimitText = s.string(ON_LIMIT);
        OnLimit onLimit = OnLimit.FALLBACK;
        if ("wait".equals(onLimitText)) {
            onLimit = OnLimit.WAIT;
        } else if (onLimitText != null && !"fallback".equals(onLimitText)) {
            s.problem(ON_LIMIT, "must be fallback or wait, found '" + onLimitText + "'");
        }
        Duration maxWait = s.duration(MAX_WAIT);
        s.rejectUnknownKeys("key", KEYS);
        if (maxWait == null || maxWait.isZero() || maxWait.isNegative()) {
            s.problem(MAX_WAIT, "must be more than 0");
            maxWait = DEFAULT_MAX_WAIT;
        }
        if (min > max) {
            s.problem(MIN, "is larger than max (" + max + ")");
            min = Math.min(min, max);
        }
        if (initial < min || initial > max) {
            if (s.has(INITIAL)) {
                s.problem(INITIAL, "must be between min (" + min + ") and max (" + max + "), found " + initial);
            }
            initial = Math.max(min, Math.min(max, initial));   // the default 20 moves inside a smaller range
        }
        return new ConcurrencyLimitConfig(algorithm, initial, min, max, onLimit, maxWait);
    }
}
