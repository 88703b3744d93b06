package io.selfheal.runtime.predict;

/**
 * What one target did during one sampling interval. {@code failures} counts every failed run of
 * the body, timeouts included; {@code timeouts} is the part of them that were timeouts.
 */
public record IntervalSample(long calls, long failures, long timeouts, long intervalMillis) {

    public IntervalSample {
        if (calls < 0 || failures < 0 || timeouts < 0 || intervalMillis <= 0) {
            throw new IllegalArgumentException("counts must be >= 0 and the interval > 0: " + calls + ", "
                    + failures + ", " + timeouts + ", " + intervalMillis);
        }
    }

    /** Failures per call in this interval, capped at 1 (retries can fail more often than calls enter). */
    public double errorRate() {
        return calls == 0 ? 0 : Math.min(1.0, (double) failures / calls);
    }
}
