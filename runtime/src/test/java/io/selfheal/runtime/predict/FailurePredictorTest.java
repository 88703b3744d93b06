package io.selfheal.runtime.predict;

import io.selfheal.runtime.config.PredictionModel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.predict.PredictionThresholds.Decision;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drives the predictor with synthetic failure patterns, 100 calls per 1s interval, against a
 * count-based breaker that trips at 5 failures in the last 100 calls (a 5% failure rate).
 */
class FailurePredictorTest {
    static final int CALLS = 100;
    static final PredictionModel MODEL = PredictionModel.DEFAULT.withFailureRate(0.05);

    /** The interval during which a 5-in-the-last-100-calls breaker first trips, or -1. */
    static int breakerTripInterval(int[] failuresPerInterval) {
        ArrayDeque<Boolean> last = new ArrayDeque<>();
        int failuresInWindow = 0;
        for (int i = 0; i < failuresPerInterval.length; i++) {
            for (boolean failed : spread(failuresPerInterval[i])) {
                last.addLast(failed);
                failuresInWindow += failed ? 1 : 0;
                if (last.size() > 100) {
                    failuresInWindow -= last.removeFirst() ? 1 : 0;
                }
                if (failuresInWindow >= 5) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** {@code failures} failed calls spread evenly over the interval's calls. */
    static boolean[] spread(int failures) {
        boolean[] calls = new boolean[CALLS];
        for (int k = 0; k < failures; k++) {
            calls[(int) ((k + 0.5) * CALLS / failures)] = true;
        }
        return calls;
    }

    /** The decisions after each interval (warnAt 0.5, preemptAt 0.7). */
    static List<Decision> decisions(FailurePredictor predictor, int[] failuresPerInterval) {
        PredictionThresholds thresholds = new PredictionThresholds(0.5, 0.7);
        List<Decision> out = new ArrayList<>();
        for (int f : failuresPerInterval) {
            out.add(thresholds.decide(predictor.observe(new IntervalSample(CALLS, f, 0, 1000))));
        }
        return out;
    }

    static int firstWarning(List<Decision> decisions) {
        for (int i = 0; i < decisions.size(); i++) {
            if (decisions.get(i) != Decision.NONE) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aSlowlyRisingErrorRateIsWarnedAboutBeforeTheBreakerTrips() {
        int[] rising = {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6};
        int trip = breakerTripInterval(rising);
        int warn = firstWarning(decisions(new FailurePredictor(MODEL), rising));
        assertTrue(trip > 0, "the breaker trips on the rising pattern");
        assertTrue(warn >= 0 && warn < trip, "warned after interval " + warn + ", breaker trips in " + trip);
    }

    @Test
    void aFastRisingErrorRateIsWarnedAboutBeforeTheBreakerTripsAndNamesTheTrend() {
        int[] rising = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        FailurePredictor predictor = new FailurePredictor(MODEL);
        List<Decision> d = decisions(predictor, rising);
        int trip = breakerTripInterval(rising);
        int warn = firstWarning(d);
        assertTrue(warn >= 0 && warn < trip, "warned after interval " + warn + ", breaker trips in " + trip);
        assertTrue(d.contains(Decision.PREEMPT), "100 calls a second give enough confidence to act: " + d);
        Prediction p = predictor.last();
        assertTrue(p.factors().get(0).matches("error rate \\d+% and rising"), p.factors().toString());
        assertTrue(p.probability() > 0.9 && p.confidence() > 0.95, p.toString());
    }

    @Test
    void aSteadyLowErrorRateNeverWarnsAndNeverTripsTheBreaker() {
        int[] steady = new int[60];
        int[] noise = {2, 1, 3, 2, 2, 3, 1, 2, 1, 3};   // 2% +- 1%
        for (int i = 0; i < steady.length; i++) {
            steady[i] = noise[i % noise.length];
        }
        FailurePredictor predictor = new FailurePredictor(MODEL);
        List<Decision> d = decisions(predictor, steady);
        assertEquals(-1, firstWarning(d), "no warning on a steady 2%: " + d);
        assertEquals(-1, breakerTripInterval(steady));
        assertTrue(predictor.last().probability() < 0.3, predictor.last().toString());
    }

    @Test
    void aRecoveringTargetLosesItsProbabilityAndIsArmedAgain() {
        int[] recovering = {20, 20, 20, 20, 20, 15, 10, 5, 2, 1, 0, 0, 0, 0};
        FailurePredictor predictor = new FailurePredictor(MODEL);
        List<Double> probabilities = new ArrayList<>();
        PredictionThresholds thresholds = new PredictionThresholds(0.5, 0.7);
        List<Decision> d = new ArrayList<>();
        boolean sawFalling = false;
        for (int f : recovering) {
            Prediction p = predictor.observe(new IntervalSample(CALLS, f, 0, 1000));
            probabilities.add(p.probability());
            d.add(thresholds.decide(p));
            sawFalling |= p.factors().get(0).endsWith("and falling");
        }
        assertEquals(Decision.PREEMPT, d.get(0), "20% is far above 5%");
        assertEquals(1, d.stream().filter(x -> x != Decision.NONE).count(), "one warning per episode: " + d);
        assertTrue(sawFalling, "the factors say the rate is falling");
        assertTrue(probabilities.get(probabilities.size() - 1) < 0.1, probabilities.toString());
        for (int i = 6; i < probabilities.size(); i++) {
            assertTrue(probabilities.get(i) <= probabilities.get(i - 1) + 1e-9, "monotone recovery: " + probabilities);
        }
        // armed again: a new episode warns again
        Decision again = thresholds.decide(predictor.observe(new IntervalSample(CALLS, 30, 0, 1000)));
        assertTrue(again != Decision.NONE, "a new episode is reported");
    }

    @Test
    void fewCallsGiveLowConfidenceAndAWarningButNoPreemptiveAction() {
        FailurePredictor predictor = new FailurePredictor(MODEL);
        PredictionThresholds thresholds = new PredictionThresholds(0.5, 0.7);
        Prediction p = predictor.observe(new IntervalSample(4, 2, 0, 1000));
        assertTrue(p.probability() > 0.9);
        assertTrue(p.confidence() < 0.2, "4 calls: confidence " + p.confidence());
        assertEquals(Decision.WARN, thresholds.decide(p));
        assertTrue(p.factors().contains("only 4 calls in 1s: low confidence"), p.factors().toString());
    }

    @Test
    void timeoutsInTheWindowAreAFactor() {
        FailurePredictor predictor = new FailurePredictor(MODEL);
        Prediction p = null;
        for (int i = 0; i < 10; i++) {
            p = predictor.observe(new IntervalSample(50, i % 3 == 0 ? 1 : 0, i % 3 == 0 ? 1 : 0, 1000));
        }
        assertTrue(p.factors().contains("4 timeouts in 10s"), p.factors().toString());
    }

    @Test
    void anAcceleratingRiseIsNamed() {
        FailurePredictor predictor = new FailurePredictor(MODEL.withFailureRate(0.5));
        Prediction p = null;
        for (int f : new int[] {1, 1, 1, 1, 2, 4, 8, 16}) {
            p = predictor.observe(new IntervalSample(CALLS, f, 0, 1000));
        }
        assertTrue(p.factors().stream().anyMatch(s -> s.startsWith("accelerating")), p.factors().toString());
    }

    @Test
    void intervalsWithoutCallsLeaveTheLevelAlone() {
        FailurePredictor predictor = new FailurePredictor(MODEL);
        predictor.observe(new IntervalSample(100, 10, 0, 1000));
        Prediction p = predictor.observe(new IntervalSample(0, 0, 0, 1000));
        assertEquals(0.10, p.errorRate(), 1e-9);
    }

    @Test
    void theSamplerReportsDifferencesAfterABaseline() {
        long[] counters = {10, 1, 0};
        CounterSampler sampler = new CounterSampler(() -> counters[0], () -> counters[1], () -> counters[2]);
        assertEquals(null, sampler.sample(1_000));
        counters[0] = 110;
        counters[1] = 6;
        counters[2] = 2;
        assertEquals(new IntervalSample(100, 5, 2, 1000), sampler.sample(2_000));
    }
}
