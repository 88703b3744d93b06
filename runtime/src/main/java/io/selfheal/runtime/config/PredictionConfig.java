package io.selfheal.runtime.config;

import io.selfheal.runtime.config.PredictionModel;
import java.time.Duration;
import java.util.List;

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

        static List<String> wireNames() {
            PreemptAction[] all = values();
            String[] names = new String[all.length];
            for (int i = 0; i < all.length; i++) {
                names[i] = all[i].wireName;
            }
            return List.of(names);
        }
    }

    @ConfigKey.Doc("false switches off a prediction a level or defaults: gave")
    static final ConfigKey ENABLED = ConfigKey.bool("enabled", true);
    @ConfigKey.Doc("how often the counters are sampled (one interval of the model); at least 10ms")
    static final ConfigKey INTERVAL = ConfigKey.duration("interval", DEFAULT_INTERVAL);
    @ConfigKey.Doc("intervals the trend looks back over")
    static final ConfigKey WINDOW = ConfigKey.integer("window", PredictionModel.DEFAULT.window(), 3, 1000);
    @ConfigKey.Doc("intervals ahead the trend is projected")
    static final ConfigKey HORIZON = ConfigKey.integer("horizon", PredictionModel.DEFAULT.horizon(), 0, 1000);
    @ConfigKey.Doc("the error rate the prediction is about; set it to your circuit breaker's threshold")
    static final ConfigKey FAILURE_RATE = ConfigKey.number("failure-rate", PredictionModel.DEFAULT.failureRate(),
            0.001, 1.0);
    @ConfigKey.Doc("probability that raises a prediction-warning event")
    static final ConfigKey WARN_AT = ConfigKey.number("warn-at", DEFAULT_WARN_AT, 0.0, 1.0);
    @ConfigKey.Doc("probability (with confidence above 0.5) at which action is taken; not below warn-at")
    static final ConfigKey PREEMPT_AT = ConfigKey.number("preempt-at", DEFAULT_PREEMPT_AT, 0.0, 1.0);
    @ConfigKey.Doc("what is done when a failure is predicted with enough confidence")
    static final ConfigKey ACTION = ConfigKey.oneOf("action", PreemptAction.OPEN_CIRCUIT.wireName(),
            PreemptAction.wireNames());
    static final List<ConfigKey> KEYS = List.of(ENABLED, INTERVAL, WINDOW, HORIZON, FAILURE_RATE, WARN_AT,
            PREEMPT_AT, ACTION);

    static PredictionConfig read(Section s) {
        boolean enabled = s.bool(ENABLED);
        Duration interval = s.duration(INTERVAL);
        if (interval.toMillis() < 10) {
            s.problem(INTERVAL, "must be at least 10ms, found " + Durations.format(interval));
            interval = DEFAULT_INTERVAL;
        }
        double warnAt = s.number(WARN_AT);
        double preemptAt = s.number(PREEMPT_AT);
        if (preemptAt < warnAt) {
            s.problem(PREEMPT_AT, "must not be below warn-at (" + warnAt + "), found " + preemptAt);
        }
        String actionText = s.string(ACTION);
        PreemptAction action = null;
        for (PreemptAction a : PreemptAction.values()) {
            if (a.wireName().equals(actionText)) {
                action = a;
            }
        }
        if (action == null) {
            s.problem(ACTION, "must be open-circuit, isolate, fallback or none, found '" + actionText + "'");
            action = PreemptAction.OPEN_CIRCUIT;
        }
        PredictionModel d = PredictionModel.DEFAULT;
        int window = s.integer(WINDOW);
        int horizon = s.integer(HORIZON);
        double failureRate = s.number(FAILURE_RATE);
        s.rejectUnknownKeys("key", KEYS);
        PredictionModel model = new PredictionModel(window, d.smoothing(), horizon, failureRate, d.steepness(),
                d.confidenceCalls());
        return new PredictionConfig(enabled, interval, warnAt, preemptAt, action, model);
    }
}
