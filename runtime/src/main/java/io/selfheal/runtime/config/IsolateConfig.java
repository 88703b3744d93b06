package io.selfheal.runtime.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code isolate:}. After {@code after} failures in a row the target is quarantined for
 * {@code for}; {@code max-concurrent} is a bulkhead (calls beyond it short-circuit at once).
 *
 * @param after 0 when failures never isolate the target (bulkhead only)
 * @param maxConcurrent 0 when there is no bulkhead
 */
public record IsolateConfig(int after, Duration duration, int maxConcurrent, ExceptionFilter filter) {

    public static final Duration DEFAULT_FOR = Duration.ofMinutes(5);

    @ConfigKey.Doc("this many failures in a row (any success breaks the run) quarantine the target")
    static final ConfigKey AFTER = ConfigKey.integer("after", 0, 0, 1_000_000, "none");
    @ConfigKey.Doc("how long the quarantine lasts; more than 0")
    static final ConfigKey FOR = ConfigKey.duration("for", DEFAULT_FOR);
    @ConfigKey.Doc("a bulkhead: at most this many calls of the target run at once, the others short-circuit")
    static final ConfigKey MAX_CONCURRENT = ConfigKey.integer("max-concurrent", 0, 0, 1_000_000, "none");
    static final List<ConfigKey> KEYS = ConfigKey.join(List.of(AFTER, FOR, MAX_CONCURRENT), ExceptionFilter.KEYS);

    static IsolateConfig read(Section s) {
        int after = s.integer(AFTER);
        Duration duration = s.duration(FOR);
        int maxConcurrent = s.integer(MAX_CONCURRENT);
        ExceptionFilter filter = ExceptionFilter.read(s);
        s.rejectUnknownKeys("key", KEYS);
        if (after == 0 && maxConcurrent == 0 && s.isPresent()) {
            s.problems().add(s.location(), s.path(), "isolate needs 'after' (failures in a row),"
                    + " 'max-concurrent' (a bulkhead), or both");
        }
        if (duration.isZero()) {
            s.problem(FOR, "must be more than 0");
            duration = DEFAULT_FOR;
        }
        return new IsolateConfig(after, duration, maxConcurrent, filter);
    }
}
