package io.selfheal.runtime.predict;

import io.selfheal.runtime.config.PredictionModel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Predicts, for one target, how likely its error rate is to reach a failure rate soon. Plain
 * statistics, in three steps, over the intervals a sampler feeds in:
 *
 * <ol>
 *   <li><b>Level</b>: an exponentially weighted moving average (EWMA) of the per-interval error
 *       rate (failures / calls), weight {@link PredictionModel#smoothing} for the newest interval.
 *       Intervals without calls carry no information and leave it unchanged.
 *   <li><b>Trend</b>: the ordinary least-squares slope of the error rate against the interval
 *       index over the last {@link PredictionModel#window} intervals (those with calls; at least 3).
 *   <li><b>Probability</b>: the level plus the trend projected {@link PredictionModel#horizon}
 *       intervals ahead, mapped through a logistic curve centred on the failure rate:
 *       {@code p = 1 / (1 + exp(-steepness * (projected / failureRate - 1)))}. A projected rate
 *       equal to the failure rate gives 0.5.
 * </ol>
 *
 * Confidence is {@code n / (n + confidenceCalls)} for the n calls in the window: a handful of calls
 * says little, a few hundred say a lot. Not thread-safe: one sampler thread feeds and reads it.
 */
public final class FailurePredictor {
    /** A trend below this (error-rate points per interval) reads as steady in the factors. */
    static final double STEADY_TREND = 0.002;

    private final PredictionModel model;
    private final ArrayDeque<IntervalSample> window = new ArrayDeque<>();
    private double level = Double.NaN;
    private Prediction last = Prediction.NONE;

    public FailurePredictor(PredictionModel model) {
        this.model = model;
    }

    public PredictionModel model() {
        return model;
    }

    /** Adds one interval and returns the new prediction. */
    public Prediction observe(IntervalSample sample) {
        window.addLast(sample);
        if (window.size() > model.window()) {
            window.removeFirst();
        }
        if (sample.calls() > 0) {
            double rate = sample.errorRate();
            level = Double.isNaN(level) ? rate : model.smoothing() * rate + (1 - model.smoothing()) * level;
        }
        last = predict();
        return last;
    }

    /** The latest prediction ({@link Prediction#NONE} before the first interval). */
    public Prediction last() {
        return last;
    }

    private Prediction predict() {
        long calls = 0;
        long timeouts = 0;
        long millis = 0;
        List<double[]> points = new ArrayList<>();   // (interval index, error rate) of intervals with calls
        int index = 0;
        for (IntervalSample s : window) {
            calls += s.calls();
            timeouts += s.timeouts();
            millis += s.intervalMillis();
            if (s.calls() > 0) {
                points.add(new double[] {index, s.errorRate()});
            }
            index++;
        }
        double confidence = (double) calls / (calls + model.confidenceCalls());
        if (Double.isNaN(level)) {
            return new Prediction(0, confidence, List.of("no calls yet"), 0, 0, 0);
        }
        double trend = points.size() >= 3 ? slope(points, 0, points.size()) : 0;
        double projected = clamp(level + trend * model.horizon());
        double z = model.steepness() * (projected / model.failureRate() - 1);
        double probability = 1 / (1 + Math.exp(-z));

        List<String> factors = new ArrayList<>();
        factors.add("error rate " + percent(level) + describeTrend(trend));
        if (points.size() >= 6) {
            int half = points.size() / 2;
            double older = slope(points, 0, half);
            double newer = slope(points, points.size() - half, points.size());
            if (newer > STEADY_TREND && newer > older + STEADY_TREND) {
                factors.add("accelerating: trend " + signedPoints(older) + " then " + signedPoints(newer)
                        + " per interval");
            }
        }
        if (trend > STEADY_TREND) {
            factors.add("projected " + percent(projected) + " in " + model.horizon() + " intervals (failure at "
                    + percent(model.failureRate()) + ")");
        }
        if (timeouts > 0) {
            factors.add(timeouts + (timeouts == 1 ? " timeout" : " timeouts") + " in " + seconds(millis));
        }
        if (confidence < 0.5) {
            factors.add("only " + calls + (calls == 1 ? " call" : " calls") + " in " + seconds(millis)
                    + ": low confidence");
        }
        return new Prediction(probability, confidence, factors, level, trend, projected);
    }

    /** Least-squares slope of points[from, to). */
    static double slope(List<double[]> points, int from, int to) {
        int n = to - from;
        if (n < 2) {
            return 0;
        }
        double mx = 0;
        double my = 0;
        for (int i = from; i < to; i++) {
            mx += points.get(i)[0];
            my += points.get(i)[1];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = from; i < to; i++) {
            double dx = points.get(i)[0] - mx;
            sxy += dx * (points.get(i)[1] - my);
            sxx += dx * dx;
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }

    private static String describeTrend(double trend) {
        if (trend > STEADY_TREND) {
            return " and rising";
        }
        if (trend < -STEADY_TREND) {
            return " and falling";
        }
        return ", steady";
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    static String percent(double rate) {
        double pct = rate * 100;
        if (pct > 0 && pct < 1) {
            return String.format(Locale.ROOT, "%.1f%%", pct);
        }
        return Math.round(pct) + "%";
    }

    private static String signedPoints(double trend) {
        return String.format(Locale.ROOT, "%+.1f", trend * 100) + " points";
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** The window, oldest first (for tests and the MBean). */
    public List<IntervalSample> window() {
        List<IntervalSample> out = new ArrayList<>(window.size());
        for (Iterator<IntervalSample> it = window.iterator(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }
}
