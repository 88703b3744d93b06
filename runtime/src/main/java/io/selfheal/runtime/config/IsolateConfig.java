package io.selfheal.runtime.config;

import java.time.Duration;

/**
 * {@code isolate:}. After {@code after} failures in a row the target is quarantined for
 * {@code for}; {@code max-concurrent} is a bulkhead (calls beyond it short-circuit at once).
 *
 * @param after 0 when failures never isolate the target (bulkhead only)
 * @param maxConcurrent 0 when there is no bulkhead
 */
public record IsolateConfig(int after, Duration duration, int maxConcurrent, ExceptionFilter filter) {

    public static final Duration DEFAULT_FOR = Duration.ofMinutes(5);

    static IsolateConfig read(Section s) {
        int after = s.integer("after", 0, 0, 1_000_000);
        Duration duration = s.duration("for", DEFAULT_FOR);
        int maxConcurrent = s.integer("max-concurrent", 0, 0, 1_000_000);
        ExceptionFilter filter = ExceptionFilter.read(s);
        s.rejectUnknownKeys("key");
        if (after == 0 && maxConcurrent == 0 && s.isPresent()) {
            s.problems().add(s.location(), s.path(), "isolate needs 'after' (failures in a row),"
                    + " 'max-concurrent' (a bulkhead), or both");
        }
        if (duration.isZero()) {
            s.problem("for", "must be more than 0");
            duration = DEFAULT_FOR;
        }
        return new IsolateConfig(after, duration, maxConcurrent, filter);
    }
}
