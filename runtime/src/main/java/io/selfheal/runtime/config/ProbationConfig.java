package io.selfheal.runtime.config;

import io.selfheal.runtime.rules.ConditionParser;
import io.selfheal.runtime.rules.RollbackCondition;
import java.time.Duration;
import java.util.List;

/**
 * A patch's probation ({@code hot-patch.probation}, the {@code probation:} of a patch jar's
 * {@code META-INF/selfheal-patch.yaml}, the command line's {@code --probation-for} flags or the
 * JMX argument): for how long the patch is watched, whose metrics judge it (none named: the
 * targets on the patched classes), the condition that rolls it back (the policy conditions plus
 * {@code before}), and the fewest calls a verdict needs.
 */
public record ProbationConfig(Duration period, List<String> targets, RollbackCondition rollbackIf, int minCalls) {

    public static final int DEFAULT_MIN_CALLS = 50;

    @ConfigKey.Doc("how long a patch is watched after it is applied (5m)")
    static final ConfigKey FOR = ConfigKey.duration("for", null).required();
    @ConfigKey.Doc("the targets whose metrics judge the patch")
    static final ConfigKey TARGETS = ConfigKey.of("targets", ConfigKey.Type.STRINGS, "the targets on the patched classes");
    @ConfigKey.Doc("rolls the patch back as soon as it holds: policy conditions, where a value may be before (the "
            + "metric over the same length of time just before the patch), before * 1.5 or before + 50ms, joined by "
            + "or / and")
    static final ConfigKey ROLLBACK_IF = ConfigKey.string("rollback-if", null).required();
    @ConfigKey.Doc("calls the judging targets must see during probation for a verdict; with fewer the patch is kept, "
            + "and the event says there was no verdict")
    static final ConfigKey MIN_CALLS = ConfigKey.integer("min-calls", DEFAULT_MIN_CALLS, 0, 1_000_000_000);
    static final List<ConfigKey> KEYS = List.of(FOR, TARGETS, ROLLBACK_IF, MIN_CALLS);

    static ProbationConfig read(Section s) {
        Duration period = s.duration(FOR);
        if (!s.has(FOR)) {
            s.problem(FOR, "is required: how long the patch is watched, such as 5m");
        } else if (period != null && period.toMillis() < 1) {
            s.problem(FOR, "must be at least 1ms");
        }
        List<String> targets = s.strings(TARGETS);
        String text = s.requiredString(ROLLBACK_IF);
        RollbackCondition condition = null;
        if (text != null) {
            try {
                condition = RollbackCondition.parse(text);
            } catch (ConditionParser.BadExpression e) {
                s.problem(ROLLBACK_IF, e.getMessage() + " (at character " + (e.offset() + 1) + ")");
            }
        }
        int minCalls = s.integer(MIN_CALLS);
        s.rejectUnknownKeys("key", KEYS);
        return new ProbationConfig(period, List.copyOf(targets), condition, minCalls);
    }

    /**
     * A probation written as YAML outside a config file: the jar's metadata, a JMX argument
     * (a flow mapping, {@code { for: 5m, rollback-if: "error-rate > before * 1.5" }}) or the
     * command line's flags. {@code source} names it in the problems.
     */
    public static ProbationConfig parse(String text, String source) throws ConfigException {
        Problems problems = new Problems(source);
        YamlNode root = YamlTreeReader.read(text, problems);
        problems.throwIfAny();
        Section top = Section.of(root, "", problems);
        Section s = top.has("probation") ? top.section("probation") : Section.of(root, "probation", problems);
        if (!s.isPresent() || s.mapNode() == null) {
            problems.add(root, "probation", "expected a mapping { for, rollback-if, targets, min-calls }");
            problems.throwIfAny();
        }
        ProbationConfig c = read(s);
        problems.throwIfAny();
        return c;
    }

    /** The probation as a YAML flow mapping, which {@link #parse} reads back. */
    public String toYaml() {
        return flowMapping(Durations.format(period), rollbackIf.text(), Integer.toString(minCalls), targets);
    }

    /**
     * A flow mapping of the four keys, for a probation given piecewise (the command line's flags):
     * {@code { for: 5m, rollback-if: 'error-rate > before * 1.5', min-calls: 50, targets: [ a ] }}.
     * A null or empty part is left out.
     */
    public static String flowMapping(String period, String rollbackIf, String minCalls, List<String> targets) {
        List<String> parts = new java.util.ArrayList<>();
        if (period != null) {
            parts.add("for: " + period);
        }
        if (rollbackIf != null) {
            parts.add("rollback-if: '" + rollbackIf.replace("'", "''") + "'");
        }
        if (minCalls != null) {
            parts.add("min-calls: " + minCalls);
        }
        if (targets != null && !targets.isEmpty()) {
            List<String> quoted = new java.util.ArrayList<>();
            for (String t : targets) {
                quoted.add("'" + t.replace("'", "''") + "'");
            }
            parts.add("targets: [ " + String.join(", ", quoted) + " ]");
        }
        return "{ " + String.join(", ", parts) + " }";
    }

    /** {@code for 5m, rollback-if 'error-rate > before * 1.5', min-calls 50[, targets a, b]}. */
    public String describe() {
        return "for " + Durations.format(period) + ", rollback-if '" + rollbackIf.text() + "', min-calls " + minCalls
                + (targets.isEmpty() ? "" : ", targets " + String.join(", ", targets));
    }
}
