package io.selfheal.runtime.probation;

import io.selfheal.runtime.config.ProbationConfig;
import java.util.List;
import java.util.Map;

/**
 * A probation as it began: the patch, its probation, the targets that judge it, when it started
 * and ends (epoch ms, wall clock, so it resumes after a restart), and each target's figures just
 * before the patch ({@code before}: metric name to value, plus {@code calls}, {@code failures},
 * {@code millis}). What the patch record keeps to resume it.
 */
public record ProbationStart(String patchId, ProbationConfig spec, List<String> targets, long startMillis,
        long untilMillis, Map<String, Map<String, Object>> before) {
}
