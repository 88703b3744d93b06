package io.selfheal.runtime.limit;

/**
 * One rule for the next limit from the last window. The limiter supplies the baseline (the
 * uncongested latency, kept fresh by its probe), clamps the answer into {@code min..max} and
 * decides when windows close; an algorithm is a pure function of its arguments, so it is tested
 * without threads or time.
 */
public interface LimitAlgorithm {
    /** A window with drops (failures, timeouts) cuts the limit by this factor, in every algorithm. */
    double DROP_BACKOFF = 0.9;

    /** The name {@code concurrency-limit.algorithm} gives it. */
    String name();

    /**
     * @param limit the limit now (fractional: the algorithms move in steps smaller than one)
     * @param window the window that just closed
     * @param baselineNanos the uncongested latency, or 0 while unknown
     * @return the next limit, before clamping
     */
    double next(double limit, LimitWindow window, double baselineNanos);

    /** The algorithm {@code name} names ({@code gradient}, {@code vegas}, {@code aimd}), or {@code null}. */
    static LimitAlgorithm named(String name) {
        switch (name) {
            case "gradient": return new GradientAlgorithm();
            case "vegas": return new VegasAlgorithm();
            case "aimd": return new AimdAlgorithm();
            default: return null;
        }
    }
}
