package io.selfheal.runtime.config;

/**
 * The constants of the {@link FailurePredictor}'s statistics.
 *
 * @param window how many intervals the trend and the timeout count look back over
 * @param smoothing the EWMA weight of the newest interval's error rate (0-1; higher reacts faster)
 * @param horizon how many intervals ahead the trend is projected
 * @param failureRate the error rate the prediction is about: probability 0.5 means the projected
 *     rate is exactly this. Set it to the rate at which your circuit breaker trips.
 * @param steepness how sharply the probability moves around {@code failureRate}: the logistic's
 *     slope per unit of (projected / failure-rate - 1)
 * @param confidenceCalls the number of calls in the window at which confidence is 0.5
 */
public record PredictionModel(int window, double smoothing, int horizon, double failureRate, double steepness,
        int confidenceCalls) {

    public static final PredictionModel DEFAULT = new PredictionModel(10, 0.5, 5, 0.5, 4.0, 20);

    public PredictionModel {
        if (window < 2 || smoothing <= 0 || smoothing > 1 || horizon < 0 || failureRate <= 0 || failureRate > 1
                || steepness <= 0 || confidenceCalls < 1) {
            throw new IllegalArgumentException("invalid prediction model: window=" + window + " smoothing="
                    + smoothing + " horizon=" + horizon + " failureRate=" + failureRate + " steepness="
                    + steepness + " confidenceCalls=" + confidenceCalls);
        }
    }

    public PredictionModel withFailureRate(double rate) {
        return new PredictionModel(window, smoothing, horizon, rate, steepness, confidenceCalls);
    }

    public PredictionModel withWindow(int intervals) {
        return new PredictionModel(intervals, smoothing, horizon, failureRate, steepness, confidenceCalls);
    }
}
