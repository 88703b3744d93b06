package io.selfheal.runtime.config;

import io.selfheal.runtime.rules.Condition;
import io.selfheal.runtime.rules.ConditionParser;
import io.selfheal.runtime.rules.PolicyAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy half of {@code level: full}: each full target gets one rule of its own, named
 * {@code level full: <target>}, that opens its circuit and raises an alert when more than half
 * of its calls fail at a steady call rate. It has the lowest priority, so the user's rules are
 * tried first; a rule in {@code policies.rules} with the same name replaces it (the explicit
 * key overrides the preset, as for every other part of a level).
 */
final class LevelPolicies {
    static final String RULE_PREFIX = "level full: ";
    static final List<String> WHEN = List.of("error-rate > 0.5", "calls-per-second >= 1");
    static final List<String> THEN = List.of("open-circuit", "alert");
    static final Duration COOLDOWN = Duration.ofMinutes(1);

    private LevelPolicies() {
    }

    /** {@code policies} with the preset rules of the full targets added; null when neither has any. */
    static PoliciesConfig addPresets(PoliciesConfig policies, List<TargetConfig> targets) {
        List<PolicyRule> rules = new ArrayList<>(policies == null ? List.of() : policies.rules());
        int userRules = rules.size();
        for (TargetConfig t : targets) {
            if (t.level() != Level.FULL || namedByUser(rules.subList(0, userRules), RULE_PREFIX + t.name())) {
                continue;
            }
            rules.add(presetRule(t, rules.size()));
        }
        if (rules.size() == userRules) {
            return policies;
        }
        return policies == null
                ? new PoliciesConfig(PoliciesConfig.DEFAULT_INTERVAL, PoliciesConfig.DEFAULT_MAX_ACTIONS_PER_MINUTE,
                        List.copyOf(rules))
                : new PoliciesConfig(policies.interval(), policies.maxActionsPerMinute(), List.copyOf(rules));
    }

    private static boolean namedByUser(List<PolicyRule> rules, String name) {
        for (PolicyRule r : rules) {
            if (r.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static PolicyRule presetRule(TargetConfig t, int index) {
        return new PolicyRule(RULE_PREFIX + t.name(), List.of(t.name()), Parsed.WHEN, Parsed.THEN, 1, COOLDOWN,
                index, t.location());
    }

    /**
     * The preset's conditions and actions, parsed once and shared by every full target's rule (they
     * are immutable). A holder class, so a config without full targets never runs the parsers
     * (the condition parser uses regular expressions, which the start path otherwise avoids).
     */
    private static final class Parsed {
        static final List<Condition> WHEN = parseWhen();
        static final List<PolicyAction> THEN = parseThen();
    }

    private static List<Condition> parseWhen() {
        List<Condition> when = new ArrayList<>();
        for (String text : WHEN) {
            try {
                when.add(ConditionParser.parse(text));
            } catch (ConditionParser.BadExpression e) {
                throw new IllegalStateException("invalid preset condition '" + text + "'", e);
            }
        }
        return List.copyOf(when);
    }

    private static List<PolicyAction> parseThen() {
        List<PolicyAction> then = new ArrayList<>();
        for (String text : THEN) {
            then.add(PolicyAction.parse(text));
        }
        return List.copyOf(then);
    }
}
