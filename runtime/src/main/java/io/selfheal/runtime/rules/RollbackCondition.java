package io.selfheal.runtime.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A probation's {@code rollback-if}: the policy engine's conditions ({@code <metric> <op> <value>},
 * parsed by {@link ConditionParser}) where the value may also be {@code before}, the metric over
 * the same length of time just before the patch, alone or scaled ({@code before * 1.5}) or
 * shifted ({@code before + 50ms}); clauses joined by {@code or} and {@code and} ({@code and}
 * binds tighter). {@code error-rate > before * 1.5 or latency-p99 > before * 2}.
 */
public final class RollbackCondition {
    private static final Pattern JOIN = Pattern.compile("\\s+(or|and)\\s+");
    private static final Pattern CLAUSE = Pattern.compile("\\s*([a-z][a-z0-9-]*)\\s*(>=|<=|==|!=|>|<)\\s*(.*?)\\s*");
    private static final Pattern BEFORE = Pattern.compile("before(?:\\s*([*+-])\\s*(\\d+(?:\\.\\d+)?)(%|ms|s|m)?)?");

    /** One comparison; against {@code before * factor + offset} when relative, else against {@code offset}. */
    public record Clause(Metric metric, Condition.Operator operator, boolean relative, double factor, double offset,
            String text) {

        /** The value the metric is compared with, given its value before the patch. */
        public double threshold(double before) {
            return relative ? before * factor + offset : offset;
        }

        /** True when it holds; an unknown value, or an unknown {@code before} it needs, never does. */
        public boolean holds(double value, double before) {
            double t = threshold(before);
            return !Double.isNaN(value) && !Double.isNaN(t) && operator.test(value, t);
        }
    }

    private final List<List<Clause>> anyOf;
    private final String text;

    private RollbackCondition(List<List<Clause>> anyOf, String text) {
        this.anyOf = anyOf;
        this.text = text;
    }

    public static RollbackCondition parse(String text) throws ConditionParser.BadExpression {
        List<List<Clause>> anyOf = new ArrayList<>();
        List<Clause> allOf = new ArrayList<>();
        Matcher join = JOIN.matcher(text);
        int from = 0;
        while (true) {
            boolean more = join.find();
            int end = more ? join.start() : text.length();
            allOf.add(clause(text, from, end));
            if (!more) {
                break;
            }
            if (join.group(1).equals("or")) {
                anyOf.add(List.copyOf(allOf));
                allOf.clear();
            }
            from = join.end();
        }
        anyOf.add(List.copyOf(allOf));
        return new RollbackCondition(List.copyOf(anyOf), text.trim());
    }

    private static Clause clause(String whole, int from, int end) throws ConditionParser.BadExpression {
        String part = whole.substring(from, end);
        Matcher m = CLAUSE.matcher(part);
        if (!m.matches() || m.group(3).isEmpty()) {
            // the policy parser names what is missing, and where
            try {
                ConditionParser.parse(part);
            } catch (ConditionParser.BadExpression e) {
                throw new ConditionParser.BadExpression(from + e.offset(), e.getMessage().replace("'" + part + "'",
                        "'" + whole.trim() + "'"));
            }
            throw new ConditionParser.BadExpression(from, "expected '<metric> <op> <value>' in '" + whole.trim() + "'");
        }
        String rhs = m.group(3);
        Matcher before = BEFORE.matcher(rhs);
        Condition absolute;
        String checked = part;
        try {
            if (!before.matches()) {
                absolute = ConditionParser.parse(part);
                return new Clause(absolute.metric(), absolute.operator(), false, 1, absolute.threshold(), part.trim());
            }
            // the metric, the operator and a shift's unit are checked as the policy parser checks them
            String shift = before.group(1) == null || before.group(1).equals("*") ? "0"
                    : before.group(2) + (before.group(3) == null ? "" : before.group(3));
            checked = m.group(1) + " " + m.group(2) + " " + shift;
            absolute = ConditionParser.parse(checked);
        } catch (ConditionParser.BadExpression e) {
            int at = Math.min(from + m.start(3), whole.length() - 1);
            throw new ConditionParser.BadExpression(e.getMessage().startsWith("unknown metric") ? from + m.start(1) : at,
                    e.getMessage().replace("'" + checked + "'", "'" + whole.trim() + "'"));
        }
        String op = before.group(1);
        if (op == null) {
            return new Clause(absolute.metric(), absolute.operator(), true, 1, 0, part.trim());
        }
        if (op.equals("*")) {
            if (before.group(3) != null) {
                throw new ConditionParser.BadExpression(from + m.start(3), "a factor of before takes no unit, found '"
                        + rhs + "' in '" + whole.trim() + "'");
            }
            return new Clause(absolute.metric(), absolute.operator(), true, Double.parseDouble(before.group(2)), 0,
                    part.trim());
        }
        double offset = absolute.threshold() * (op.equals("-") ? -1 : 1);
        return new Clause(absolute.metric(), absolute.operator(), true, 1, offset, part.trim());
    }

    /** The clauses: any group whose clauses all hold makes the condition hold. */
    public List<List<Clause>> anyOf() {
        return anyOf;
    }

    /** Every metric the condition reads. */
    public Set<Metric> metrics() {
        Set<Metric> out = EnumSet.noneOf(Metric.class);
        for (List<Clause> group : anyOf) {
            for (Clause c : group) {
                out.add(c.metric());
            }
        }
        return out;
    }

    /** True when it holds for the values {@code now}, with {@code before} the values before the patch. */
    public boolean holds(ToDoubleFunction<Metric> now, ToDoubleFunction<Metric> before) {
        for (List<Clause> group : anyOf) {
            boolean all = true;
            for (Clause c : group) {
                all &= c.holds(now.applyAsDouble(c.metric()), before.applyAsDouble(c.metric()));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
