package io.selfheal.runtime.config;

import io.selfheal.runtime.rules.Condition;
import io.selfheal.runtime.rules.ConditionParser;
import io.selfheal.runtime.rules.PolicyAction;
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

    @ConfigKey.Doc("the rule's name in events")
    static final ConfigKey NAME = ConfigKey.string("name", null).required();
    @ConfigKey.Doc("target names or globs (* any run of characters, ? one) the rule applies to")
    static final ConfigKey TARGETS = ConfigKey.of("targets", ConfigKey.Type.STRINGS, "every target");
    @ConfigKey.Doc("conditions that must all hold: <metric> <op> <value>, such as \"error-rate > 0.15\"")
    static final ConfigKey WHEN = ConfigKey.of("when", ConfigKey.Type.CONDITIONS, null).required();
    @ConfigKey.Doc("actions, run in order, such as [ open-circuit, alert ]")
    static final ConfigKey THEN = ConfigKey.of("then", ConfigKey.Type.ACTIONS, null).required();
    @ConfigKey.Doc("higher is tried first, then file order")
    static final ConfigKey PRIORITY = ConfigKey.integer("priority", DEFAULT_PRIORITY, 1, 10);
    @ConfigKey.Doc("after firing for a target, the rule waits this long for that target")
    static final ConfigKey COOLDOWN = ConfigKey.duration("cooldown", DEFAULT_COOLDOWN);
    static final List<ConfigKey> KEYS = List.of(NAME, TARGETS, WHEN, THEN, PRIORITY, COOLDOWN);

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
        String name = s.requiredString(NAME);
        List<String> targets = s.has(TARGETS) ? s.strings(TARGETS) : List.of("*");
        if (s.has(TARGETS) && targets.isEmpty()) {
            s.problem(TARGETS, "names no target; leave it out to apply the rule to every target");
        }
        List<Condition> when = readWhen(s);
        List<PolicyAction> then = readThen(s);
        int priority = s.integer(PRIORITY);
        Duration cooldown = s.duration(COOLDOWN);
        s.rejectUnknownKeys("rule key", KEYS);
        return new PolicyRule(name == null ? "rule " + (index + 1) : name, targets, when, then, priority, cooldown,
                index, s.location());
    }

    private static List<Condition> readWhen(Section s) {
        if (!s.has(WHEN)) {
            s.problem(WHEN, "is required: a list of conditions such as \"error-rate > 0.15\"");
            return List.of();
        }
        List<Condition> out = new ArrayList<>();
        for (YamlNode item : items(s, WHEN)) {
            if (!(item instanceof YamlNode.ScalarNode scalar) || !(scalar.value() instanceof String text)) {
                s.problems().add(item, s.keyPath(WHEN.name()), "expected a condition such as \"error-rate > 0.15\", found "
                        + item.kind());
                continue;
            }
            try {
                out.add(ConditionParser.parse(text));
            } catch (ConditionParser.BadExpression e) {
                s.problems().add(item, s.keyPath(WHEN.name()), e.getMessage() + " (at character " + (e.offset() + 1) + ")");
            }
        }
        if (out.isEmpty() && items(s, WHEN).isEmpty()) {
            s.problem(WHEN, "needs at least one condition");
        }
        return List.copyOf(out);
    }

    private static List<PolicyAction> readThen(Section s) {
        if (!s.has(THEN)) {
            s.problem(THEN, "is required: a list of actions such as [ open-circuit, alert ]");
            return List.of();
        }
        List<PolicyAction> out = new ArrayList<>();
        for (YamlNode item : items(s, THEN)) {
            if (!(item instanceof YamlNode.ScalarNode scalar) || !(scalar.value() instanceof String text)) {
                s.problems().add(item, s.keyPath(THEN.name()), "expected an action such as open-circuit, found "
                        + item.kind());
                continue;
            }
            try {
                out.add(PolicyAction.parse(text));
            } catch (IllegalArgumentException e) {
                s.problems().add(item, s.keyPath(THEN.name()), e.getMessage());
            }
        }
        if (out.isEmpty() && items(s, THEN).isEmpty()) {
            s.problem(THEN, "needs at least one action");
        }
        return List.copyOf(out);
    }

    /** A list key's items; a single scalar reads as a list of one. */
    private static List<YamlNode> items(Section s, ConfigKey key) {
        YamlNode n = s.node(key);
        if (n instanceof YamlNode.ListNode list) {
            return list.items();
        }
        return n == null || Section.isNull(n) ? List.of() : List.of(n);
    }
}
