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

    @ConfigKey.Doc("how often the rules are evaluated; the metrics are measured over this interval; at least 10ms")
    static final ConfigKey INTERVAL = ConfigKey.duration("interval", DEFAULT_INTERVAL);
    @ConfigKey.Doc("actions (other than alert) across all rules and targets in any minute")
    static final ConfigKey MAX_ACTIONS_PER_MINUTE = ConfigKey.integer("max-actions-per-minute",
            DEFAULT_MAX_ACTIONS_PER_MINUTE, 1, 100_000);
    @ConfigKey.Doc("when every condition of a rule holds for a target, its actions run")
    static final ConfigKey RULES = ConfigKey.sections("rules", "PolicyRule.KEYS", "none");
    static final List<ConfigKey> KEYS = List.of(INTERVAL, MAX_ACTIONS_PER_MINUTE, RULES);

    static PoliciesConfig read(Section s) {
        Duration interval = s.duration(INTERVAL);
        if (interval.toMillis() < 10) {
            s.problem(INTERVAL, "must be at least 10ms, found " + Durations.format(interval));
            interval = DEFAULT_INTERVAL;
        }
        int max = s.integer(MAX_ACTIONS_PER_MINUTE);
        List<PolicyRule> rules = new ArrayList<>();
        List<YamlNode> items = s.list(RULES);
        for (int i = 0; i < items.size(); i++) {
            rules.add(PolicyRule.read(items.get(i), i, s.keyPath(RULES.name()) + "[" + i + "]", s.problems()));
        }
        s.rejectUnknownKeys("key", KEYS);
        return new PoliciesConfig(interval, max, List.copyOf(rules));
    }
}
