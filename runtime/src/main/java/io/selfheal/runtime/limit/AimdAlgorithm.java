package io.selfheal.runtime.limit;

/**
 * {@code aimd}: additive increase, multiplicative decrease. A window is congested when it has
 * drops or its latency is over twice the baseline:
 *
 * <pre>
 *   congested: limit' = limit * 0.9;   otherwise: limit' = limit + 1 (not when app-limited)
 * </pre>
 *
 * It saw-tooths around the load where latency doubles: simple, and the most tolerant of noise.
 */
public final class AimdAlgorithm implements LimitAlgorithm {
    static final double LATENCY_FACTOR = 2.0;

    @Override
    public String name() {
        return "aimd";
    }

    @Override
    public double next(double limit, LimitWindow w, double baselineNanos) {
        boolean slow = baselineNanos > 0 && w.hasRtt() && w.rttNanos() > LATENCY_FACTOR * baselineNanos;
        if (w.congestedByDrops() || slow) {
            return limit * DROP_BACKOFF;
        }
        return w.appLimited(limit) ? limit : limit + 1;
    }
}
