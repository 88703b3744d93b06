package io.selfheal.runtime.predict;

/**
 * Decides when a prediction is worth a {@code prediction-warning} and when to act before the
 * failures do. Each fires once when the probability crosses its threshold upwards and is armed
 * again once the probability falls back below {@code warnAt}, so a sustained high probability
 * gives one warning, not one per interval.
 */
public final class PredictionThresholds {
    /** Below this confidence the agent warns but never acts on a prediction. */
    public static final double MIN_CONFIDENCE_TO_ACT = 0.5;

    public enum Decision { NONE, WARN, PREEMPT }

    private final double warnAt;
    private final double preemptAt;
    private boolean warned;
    private boolean preempted;

    public PredictionThresholds(double warnAt, double preemptAt) {
        this.warnAt = warnAt;
        this.preemptAt = preemptAt;
    }

    /** What to do about {@code p}; PREEMPT implies the warning is due too (if not given before). */
    public Decision decide(Prediction p) {
        if (p.probability() < warnAt) {
            warned = false;
            preempted = false;
            return Decision.NONE;
        }
        if (!preempted && p.probability() >= preemptAt && p.confidence() > MIN_CONFIDENCE_TO_ACT) {
            preempted = true;
            warned = true;
            return Decision.PREEMPT;
        }
        if (!warned) {
            warned = true;
            return Decision.WARN;
        }
        return Decision.NONE;
    }
}
