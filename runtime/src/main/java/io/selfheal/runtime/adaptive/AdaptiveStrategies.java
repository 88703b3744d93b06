package io.selfheal.runtime.adaptive;

import io.selfheal.runtime.config.AdaptiveConfig;
import io.selfheal.runtime.config.TargetConfig;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * One {@link AdaptiveSelector} per target with {@code strategy: adaptive}: the seam through which
 * the healing engine asks which candidate to use for a failure ({@link #choose}) and reports how
 * it went ({@link #record}), and through which the state memory saves and restores what was
 * learned ({@link #snapshot}, {@link #restore}).
 */
public final class AdaptiveStrategies {
    private final Map<String, AdaptiveSelector> byTarget = new LinkedHashMap<>();

    public AdaptiveStrategies(Collection<TargetConfig> targets, RandomGenerator random) {
        for (TargetConfig t : targets) {
            AdaptiveConfig a = t.adaptive();
            if (a != null) {
                byTarget.put(t.name(), new AdaptiveSelector(a.candidates(), a.exploration(), random));
            }
        }
    }

    public AdaptiveStrategies(Collection<TargetConfig> targets) {
        this(targets, new Random());
    }

    /** The target's selector, or null when the target's strategy is fixed. */
    public AdaptiveSelector of(String target) {
        return byTarget.get(target);
    }

    public boolean isEmpty() {
        return byTarget.isEmpty();
    }

    /** The choice for a failure of {@code target} with {@code thrown}, or null when the target is not adaptive. */
    public AdaptiveSelector.Choice choose(String target, Throwable thrown) {
        AdaptiveSelector s = byTarget.get(target);
        return s == null ? null : s.choose(thrown.getClass().getName());
    }

    public void record(String target, Throwable thrown, String candidate, boolean healed, long healMillis) {
        AdaptiveSelector s = byTarget.get(target);
        if (s != null) {
            s.record(thrown.getClass().getName(), candidate, healed, healMillis);
        }
    }

    /** target -> exception type -> candidate -> stats, for the state file. */
    public Map<String, Map<String, Map<String, StrategyStats>>> snapshot() {
        Map<String, Map<String, Map<String, StrategyStats>>> out = new LinkedHashMap<>();
        byTarget.forEach((t, s) -> out.put(t, s.snapshot()));
        return out;
    }

    /** Restores what an earlier run learned; targets that are no longer adaptive are ignored. */
    public void restore(Map<String, Map<String, Map<String, StrategyStats>>> learned) {
        learned.forEach((t, m) -> {
            AdaptiveSelector s = byTarget.get(t);
            if (s != null) {
                s.restore(m);
            }
        });
    }
}
