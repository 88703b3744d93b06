package io.selfheal.runtime.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The healing strategies by name: the one place their names are written. The order of the
 * constants is the order of healing when a woven method throws (see the engine's pipeline); the
 * flags say where else a name may be used.
 */
public enum Strategy {
    TIMEOUT("timeout"),
    RESTORE_CHECKPOINT("restore-checkpoint"),
    RESTORE("restore"),
    HOT_PATCH("hot-patch"),
    CIRCUIT_BREAKER("circuit-breaker"),
    ISOLATE("isolate"),
    RATE_LIMIT("rate-limit"),
    HEDGE("hedge"),
    CONCURRENCY_LIMIT("concurrency-limit"),
    RETRY("retry"),
    FALLBACK("fallback");

    /** The name {@code strategies:} maps an exception type to when it wants none of them. */
    public static final String RETHROW = "rethrow";

    /** What the top-level {@code strategies:} map may name for an exception type (and {@link #RETHROW}), in the order messages list them. */
    private static final List<Strategy> MAPPABLE = List.of(RETRY, CIRCUIT_BREAKER, ISOLATE, FALLBACK);
    /** What {@code strategy: adaptive} may choose among, in the order messages list them. */
    private static final List<Strategy> ADAPTIVE = List.of(RETRY, FALLBACK, CIRCUIT_BREAKER, ISOLATE, RESTORE);

    private final String wireName;

    Strategy(String wireName) {
        this.wireName = wireName;
    }

    /** As the config, the events and the docs write it. */
    public String wireName() {
        return wireName;
    }

    /** The strategy written {@code name}, or {@code null}. */
    public static Strategy named(String name) {
        for (Strategy s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The names the top-level {@code strategies:} map may give an exception type, {@code rethrow} last. */
    public static List<String> mappableNames() {
        List<String> out = names(MAPPABLE);
        out.add(RETHROW);
        return List.copyOf(out);
    }

    /** The names {@code strategy: adaptive} may list as candidates. */
    public static List<String> adaptiveCandidateNames() {
        return List.copyOf(names(ADAPTIVE));
    }

    private static List<String> names(List<Strategy> strategies) {
        List<String> out = new ArrayList<>();
        for (Strategy s : strategies) {
            out.add(s.wireName);
        }
        return out;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
