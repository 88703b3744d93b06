package io.selfheal.runtime.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code policies:}: rules evaluated every {@code interval} against each target's metrics, with
 * at most {@code max-actions-per-minute} actions taken across all of them.
 */
public record PoliciesConfig(Duration interval, int maxActionsPerMinute, List<PolicyRule> rules) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_ACTIONS_PER_MINUTE = 60;

    static PoliciesConfig read(Section s) {
        Duration interval = s.duration("interval", DEFAULT_INTERVAL);
        if (interval.toMillis() < 10) {
            s.problem("interval", "must be at least 10ms, found " + Durations.format(interval));
            interval = DEFAULT_INTERVAL;
        }
        int max = s.integer("max-actions-per-minute", DEFAULT_MAX_ACTIONS_PER_MINUTE, 1, 100_000);
        List<PolicyRule> rules = new ArrayList<>();
        List<YamlNode> items = s.list("rules");
        for (int i = 0; i < items.size(); i++) {
            rules.add(PolicyRule.read(items.get(i), i, s.keyPath("rules") + "[" + i + "]", s.problems()));
        }
        s.rejectUnknownKeys("key");
        return new PoliciesConfig(interval, max, List.copyOf(rules));
    }
}
