package io.selfheal.runtime.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code hedge:}: when a call has not answered after {@code after} (a duration, or {@code p99}: the
 * target's measured p99, which needs {@code latency: true}), a copy of it runs on the target's own
 * pool of {@code executor-threads} daemon threads; up to {@code max-extra} copies, one more each
 * {@code after}. The first success answers.
 *
 * @param after the delay, or {@code null} with {@code afterP99}
 */
public record HedgeConfig(Duration after, boolean afterP99, int maxExtra, int executorThreads) {

    @ConfigKey.Doc("how long the call may run before a copy starts: a duration (more than 0), or p99 (the target's "
            + "measured p99; needs latency: true); required")
    static final ConfigKey AFTER = ConfigKey.of("after", ConfigKey.Type.STRING, null).required();
    @ConfigKey.Doc("copies started at most, one more each 'after'")
    static final ConfigKey MAX_EXTRA = ConfigKey.integer("max-extra", 1, 1, 16);
    @ConfigKey.Doc("the target's pool of daemon threads (selfheal-hedge-N) the copies run on")
    static final ConfigKey EXECUTOR_THREADS = ConfigKey.integer("executor-threads", 4, 1, 256);
    static final List<ConfigKey> KEYS = List.of(AFTER, MAX_EXTRA, EXECUTOR_THREADS);

    static HedgeConfig read(Section s, boolean latency) {
        String afterText = s.string(AFTER);
        int maxExtra = s.integer(MAX_EXTRA);
        int threads = s.integer(EXECUTOR_THREADS);
        s.rejectUnknownKeys("key", KEYS);
        Duration after = null;
        boolean p99 = false;
        if (afterText == null) {
            if (s.isPresent()) {
                s.problem(AFTER, "is required (for example after: 50ms, or after: p99 with latency: true)");
            }
            after = Duration.ofMillis(50);
        } else if (afterText.trim().equals("p99")) {
            p99 = true;
            if (!latency) {
                s.problem(AFTER, "p99 needs the target's latency: true (the p99 is measured there)");
            }
        } else {
            try {
                after = Durations.parse(afterText);
                if (after.isZero()) {
                    s.problem(AFTER, "must be more than 0");
                    after = Duration.ofMillis(50);
                }
            } catch (IllegalArgumentException e) {
                s.problem(AFTER, e.getMessage() + ", or p99");
                after = Duration.ofMillis(50);
            }
        }
        return new HedgeConfig(after, p99, maxExtra, threads);
    }
}
