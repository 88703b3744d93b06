package io.selfheal.runtime.config;

import io.selfheal.runtime.predict.PredictionModel;
import java.time.Duration;

/**
 * {@code prediction:} on a target. A {@code prediction-warning} event goes out when the failure
 * probability crosses {@code warn-at}; at {@code preempt-at} (with confidence above 0.5) the
 * target's suggested {@code action} is taken before the failures trip anything.
 */
public record PredictionConfig(boolean enabled, Duration interval, double warnAt, double preemptAt,
        PreemptAction action, PredictionModel model) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    public static final double DEFAULT_WARN_AT = 0.5;
    public static final double DEFAULT_PREEMPT_AT = 0.7;

    /** What to do when a failure is predicted with enough confidence. */
    public enum PreemptAction {
        OPEN_CIRCUIT("open-circuit"), ISOLATE("isolate"), FALLBACK("fallback"), NONE("none");

        private final String wireName;

        PreemptAction(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    static PredictionConfig read(Section s) {
        boolean enabled = s.bool("enabled", true);
        Duration interval = s.duration("interval", DEFAULT_INTERVAL);
        if (interval.toMillis() < 10) {
            s.problem("interval", "must be at least 10ms, found " + Durations.format(interval));
            interval = DEFAULT_INTERVAL;
        }
        double warnAt = s.number("warn-at", DEFAULT_WARN_AT, 0.0, 1.0);
        double preemptAt = s.number("preempt-at", DEFAULT_PREEMPT_AT, 0.0, 1.0);
        if (preemptAt < warnAt) {
            s.problem("preempt-at", "must not be below warn-at (" + warnAt + "), found " + preemptAt);
        }
        String actionText = s.string("action", PreemptAction.OPEN_CIRCUIT.wireName());
        PreemptAction action = null;
        for (PreemptAction a : PreemptAction.values()) {
            if (a.wireName().equals(actionText)) {
                action = a;
            }
        }
        if (action == null) {
            s.problem("action", "must be open-circuit, isolate, fallback or none, found '" + actionText + "'");
            action = PreemptAction.OPEN_CIRCUIT;
        }
        PredictionModel d = PredictionModel.DEFAULT;
        int window = s.integer("window", d.window(), 3, 1000);
        int horizon = s.integer("horizon", d.horizon(), 0, 1000);
        double failureRate = s.number("failure-rate", d.failureRate(), 0.001, 1.0);
        s.rejectUnknownKeys("key");
        PredictionModel model = new PredictionModel(window, d.smoothing(), horizon, failureRate, d.steepness(),
                d.confidenceCalls());
        return new PredictionConfig(enabled, interval, warnAt, preemptAt, action, model);
    }
}
