package io.selfheal.runtime.config;

import io.selfheal.runtime.policy.Condition;
import io.selfheal.runtime.policy.ConditionParser;
import io.selfheal.runtime.policy.PolicyAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code policies.rules}: when every {@code when} condition holds for a target named
 * by {@code targets}, run the {@code then} actions, at most once per {@code cooldown} per target.
 *
 * @param index the rule's position in the file, which breaks ties between equal priorities
 */
public record PolicyRule(String name, List<String> targets, List<Condition> when, List<PolicyAction> then,
        int priority, Duration cooldown, int index, YamlNode location) {

    public static final int DEFAULT_PRIORITY = 5;
    public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(1);

    /** True when one of the {@code targets} globs ({@code *} any run of characters, {@code ?} one) matches. */
    public boolean appliesTo(String target) {
        for (String glob : targets) {
            if (MethodSelector.globMatches(glob, target)) {
                return true;
            }
        }
        return false;
    }

    static PolicyRule read(YamlNode node, int index, String path, Problems problems) {
        Section s = Section.of(node, path, problems);
        String name = s.requiredString("name");
        List<String> targets = s.has("targets") ? s.strings("targets") : List.of("*");
        if (s.has("targets") && targets.isEmpty()) {
            s.problem("targets", "names no target; leave it out to apply the rule to every target");
        }
        List<Condition> when = readWhen(s);
        List<PolicyAction> then = readThen(s);
        int priority = s.integer("priority", DEFAULT_PRIORITY, 1, 10);
        Duration cooldown = s.duration("cooldown", DEFAULT_COOLDOWN);
        s.rejectUnknownKeys("rule key");
        return new PolicyRule(name == null ? "rule " + (index + 1) : name, targets, when, then, priority, cooldown,
                index, s.location());
    }

    private static List<Condition> readWhen(Section s) {
        if (!s.has("when")) {
            s.problem("when", "is required: a list of conditions such as \"error-rate > 0.15\"");
            return List.of();
        }
        List<Condition> out = new ArrayList<>();
        for (YamlNode item : items(s, "when")) {
            if (!(item instanceof YamlNode.ScalarNode scalar) || !(scalar.value() instanceof String text)) {
                s.problems().add(item, s.keyPath("when"), "expected a condition such as \"error-rate > 0.15\", found "
                        + item.kind());
                continue;
            }
            try {
                out.add(ConditionParser.parse(text));
            } catch (ConditionParser.BadExpression e) {
                s.problems().add(item, s.keyPath("when"), e.getMessage() + " (at character " + (e.offset() + 1) + ")");
            }
        }
        if (out.isEmpty() && items(s, "when").isEmpty()) {
            s.problem("when", "needs at least one condition");
        }
        return List.copyOf(out);
    }

    private static List<PolicyAction> readThen(Section s) {
        if (!s.has("then")) {
            s.problem("then", "is required: a list of actions such as [ open-circuit, alert ]");
            return List.of();
        }
        List<PolicyAction> out = new ArrayList<>();
        for (YamlNode item : items(s, "then")) {
            if (!(item instanceof YamlNode.ScalarNode scalar) || !(scalar.value() instanceof String text)) {
                s.problems().add(item, s.keyPath("then"), "expected an action such as open-circuit, found "
                        + item.kind());
                continue;
            }
            try {
                out.add(PolicyAction.parse(text));
            } catch (IllegalArgumentException e) {
                s.problems().add(item, s.keyPath("then"), e.getMessage());
            }
        }
        if (out.isEmpty() && items(s, "then").isEmpty()) {
            s.problem("then", "needs at least one action");
        }
        return List.copyOf(out);
    }

    /** A list key's items; a single scalar reads as a list of one. */
    private static List<YamlNode> items(Section s, String key) {
        YamlNode n = s.node(key);
        if (n instanceof YamlNode.ListNode list) {
            return list.items();
        }
        return n == null || Section.isNull(n) ? List.of() : List.of(n);
    }
}
