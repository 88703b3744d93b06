package io.selfheal.runtime.predict;

import java.util.List;

/**
 * The model's answer for one target.
 *
 * @param probability how likely the error rate reaches the failure rate within the horizon, 0-1
 * @param confidence how much data the answer rests on, 0-1 (low with few calls)
 * @param factors short, human-readable reasons ("error rate 18% and rising", "3 timeouts in 10s")
 * @param errorRate the smoothed (EWMA) error rate, 0-1
 * @param trendPerInterval the least-squares slope of the error rate, per interval
 * @param projectedErrorRate the smoothed error rate plus the trend over the horizon, 0-1
 */
public record Prediction(double probability, double confidence, List<String> factors, double errorRate,
        double trendPerInterval, double projectedErrorRate) {

    public static final Prediction NONE = new Prediction(0, 0, List.of(), 0, 0, 0);

    public Prediction {
        factors = List.copyOf(factors);
    }
}
