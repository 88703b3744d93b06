package io.selfheal.runtime.limit;

/**
 * What the calls that ended in one sampling window say about the dependency.
 *
 * @param rttNanos the median duration of the window's calls that did not fail or time out (the
 *     median, not the mean: a few calls held up by a busy scheduler do not move it); {@code NaN}
 *     when every call failed
 * @param samples the calls that ended in the window
 * @param drops those of them that failed or timed out (congestion signals)
 * @param maxInFlight the most calls in flight seen as a call ended (the window's concurrency)
 */
public record LimitWindow(double rttNanos, int samples, int drops, int maxInFlight) {

    /** A window with at least one drop, and drops at least 1 in 20 of its calls, counts as congested. */
    public boolean congestedByDrops() {
        return drops > 0 && drops * 20L >= samples;
    }

    /**
     * True when the callers, not the limit, held the concurrency back: fewer than half the limit
     * were in flight. Such a window says nothing about whether a higher limit would do, so no
     * algorithm raises the limit on it (without this guard an idle target's limit climbs to max).
     */
    public boolean appLimited(double limit) {
        return maxInFlight * 2 < limit;
    }

    /** True when the window has a latency to compare with the baseline. */
    public boolean hasRtt() {
        return rttNanos > 0;
    }
}
