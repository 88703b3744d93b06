package io.selfheal.runtime.engine;

/**
 * A target's failures in a row, kept entirely on the failure path so a call that succeeds pays
 * nothing for it: a success shows up as a change in the number of runs that did not fail
 * ({@code calls + retries - short-circuits - failures}) between two failures, or between the last
 * failure and a read. Exact for calls made one at a time; with calls in flight on other threads
 * it may end a streak early, never lengthen one.
 */
final class FailureStreak {
    private long streak;
    private long cleanRunsAtLastFailure = -1;

    synchronized void onFailure(TargetStats s) {
        long clean = cleanRuns(s);
        streak = clean == cleanRunsAtLastFailure ? streak + 1 : 1;
        cleanRunsAtLastFailure = clean;
    }

    /** Failures since the last run that did not fail. */
    synchronized long current(TargetStats s) {
        return cleanRuns(s) == cleanRunsAtLastFailure ? streak : 0;
    }

    private static long cleanRuns(TargetStats s) {
        return s.calls.sum() + s.retries.sum() - s.shortCircuits.sum() - s.failures.sum();
    }
}
