package io.selfheal.runtime.engine;

/**
 * A target's failures in a row, kept entirely on the failure path so a call that succeeds pays
 * nothing for it: a success shows up as a change in the number of runs that did not fail
 * ({@code calls + retries - short-circuits - failures}) between two failures, or between the last
 * failure and a read. Exact for calls made one at a time; with calls in flight on other threads
 * it may end a streak early, never lengthen one.
 */
final class FailureStreak {
    private final TargetStats stats;
    private long streak;
    private long cleanRunsAtLastFailure = -1;

    /** @param stats the counts of the target whose failures this follows */
    FailureStreak(TargetStats stats) {
        this.stats = stats;
    }

    /** A failure, told after the target's stats counted it. */
    synchronized void onFailure() {
        long clean = cleanRuns();
        streak = clean == cleanRunsAtLastFailure ? streak + 1 : 1;
        cleanRunsAtLastFailure = clean;
    }

    /** Failures since the last run that did not fail. */
    synchronized long current() {
        return cleanRuns() == cleanRunsAtLastFailure ? streak : 0;
    }

    private long cleanRuns() {
        return stats.calls.sum() + stats.retries.sum() - stats.shortCircuits.sum() - stats.failures.sum();
    }
}
