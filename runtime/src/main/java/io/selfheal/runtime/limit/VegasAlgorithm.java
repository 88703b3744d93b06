package io.selfheal.runtime.limit;

/**
 * {@code vegas}: estimates how many calls wait in the dependency's queue and keeps that between
 * two bounds, as TCP Vegas does:
 *
 * <pre>
 *   queue = limit * (1 - baseline / rtt)
 *   alpha = max(2, 3 log10 limit),  beta = max(4, 6 log10 limit),  step = max(1, log10 limit)
 *   queue &lt; alpha: limit + step (not when app-limited);  queue &gt; beta: limit - step;  else unchanged
 * </pre>
 *
 * A window with drops cuts the limit by {@link #DROP_BACKOFF}. The baseline is the limiter's
 * probe-refreshed one: Vegas's own classic baseline creep does not arise.
 */
public final class VegasAlgorithm implements LimitAlgorithm {
    @Override
    public String name() {
        return "vegas";
    }

    @Override
    public double next(double limit, LimitWindow w, double baselineNanos) {
        if (w.congestedByDrops()) {
            return limit * DROP_BACKOFF;
        }
        if (baselineNanos <= 0 || !w.hasRtt()) {
            return limit;
        }
        double log = Math.log10(Math.max(1.0, limit));
        double queue = limit * Math.max(0.0, 1.0 - baselineNanos / w.rttNanos());
        double alpha = Math.max(2.0, 3 * log);
        double beta = Math.max(4.0, 6 * log);
        double step = Math.max(1.0, log);
        if (queue < alpha) {
            return w.appLimited(limit) ? limit : limit + step;
        }
        if (queue > beta) {
            return limit - step;
        }
        return limit;
    }
}
