package io.selfheal.runtime.limit;

/**
 * {@code gradient} (the default): the limit scales by how far the window's latency is above the
 * baseline, plus a small headroom so it keeps probing upward while latency holds:
 *
 * <pre>
 *   g      = clamp(TOLERANCE * baseline / rtt, 0.8, 1.0)
 *   limit' = limit * g + headroom,   headroom = max(1, log10(limit)), or 0 when the window was app-limited
 * </pre>
 *
 * At equilibrium {@code g = 1 - headroom / limit}: the limit settles where the latency is about
 * {@code TOLERANCE} times the uncongested one. A window with drops cuts the limit by
 * {@link #DROP_BACKOFF}. The baseline is the limiter's, re-measured by its probe, so it cannot
 * follow the latency upward (the drift of a baseline that averages the latency it regulates).
 */
public final class GradientAlgorithm implements LimitAlgorithm {
    /** Latency up to 25% above the baseline is not congestion (noise, a little queueing). */
    static final double TOLERANCE = 1.25;
    /** At most a 20% cut per window for latency: one window slowed by the machine, not the dependency, costs little. */
    static final double MIN_GRADIENT = 0.8;

    @Override
    public String name() {
        return "gradient";
    }

    @Override
    public double next(double limit, LimitWindow w, double baselineNanos) {
        if (w.congestedByDrops()) {
            return limit * DROP_BACKOFF;
        }
        double gradient = 1.0;
        if (baselineNanos > 0 && w.hasRtt()) {
            gradient = Math.max(MIN_GRADIENT, Math.min(1.0, TOLERANCE * baselineNanos / w.rttNanos()));
        }
        double headroom = w.appLimited(limit) ? 0 : Math.max(1.0, Math.log10(limit));
        return limit * gradient + headroom;
    }
}
