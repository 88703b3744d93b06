package io.selfheal.runtime.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code when:} expressions at load time: {@code <metric> <op> <value>}, where op is one of
 * {@code > >= < <= == !=} and value a number; ratio metrics also take a percentage ({@code 15%}),
 * {@code latency-p99} a duration ({@code 250ms}, {@code 1.5s}).
 */
public final class ConditionParser {
    private static final Pattern METRIC = Pattern.compile("\\s*([a-z][a-z0-9-]*)");
    private static final Pattern OPERATOR = Pattern.compile("\\s*(>=|<=|==|!=|>|<)");
    private static final Pattern VALUE = Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?)(%|ms|s|m)?\\s*");

    private ConditionParser() {
    }

    /** A parse failure, with the 0-based character offset of the offending part of the text. */
    public static final class BadExpression extends Exception {
        private final int offset;

        BadExpression(int offset, String message) {
            super(message);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    public static Condition parse(String text) throws BadExpression {
        Matcher m = METRIC.matcher(text);
        if (!m.lookingAt()) {
            throw new BadExpression(firstNonBlank(text, 0), "expected a metric (" + Metric.names() + ") in '"
                    + text + "'");
        }
        Metric metric = Metric.byName(m.group(1));
        if (metric == null) {
            throw new BadExpression(m.start(1), "unknown metric '" + m.group(1) + "' in '" + text + "'; known: "
                    + Metric.names());
        }
        int at = m.end();
        Matcher op = OPERATOR.matcher(text).region(at, text.length());
        if (!op.lookingAt()) {
            throw new BadExpression(firstNonBlank(text, at), "expected one of > >= < <= == != after '"
                    + metric.wireName() + "' in '" + text + "'");
        }
        Condition.Operator operator = operator(op.group(1));
        at = op.end();
        Matcher v = VALUE.matcher(text).region(at, text.length());
        if (!v.matches()) {
            throw new BadExpression(firstNonBlank(text, at), "expected a number after '" + op.group(1) + "' in '"
                    + text + "'" + unitHint(metric));
        }
        double number = Double.parseDouble(v.group(1));
        String unit = v.group(2);
        double threshold = convert(metric, number, unit, text, v.start(2));
        return new Condition(metric, operator, threshold, text.trim());
    }

    private static double convert(Metric metric, double number, String unit, String text, int unitAt)
            throws BadExpression {
        if (unit == null) {
            return number;
        }
        if (unit.equals("%") && metric.unit() == Metric.Unit.RATIO) {
            return number / 100;
        }
        if (!unit.equals("%") && metric.unit() == Metric.Unit.MILLIS) {
            return switch (unit) {
                case "ms" -> number;
                case "s" -> number * 1_000;
                default -> number * 60_000;
            };
        }
        throw new BadExpression(unitAt, "'" + unit + "' does not fit " + metric.wireName() + " in '" + text + "'"
                + unitHint(metric));
    }

    private static String unitHint(Metric metric) {
        return switch (metric.unit()) {
            case RATIO -> " (a number from 0 to 1, or a percentage such as 15%)";
            case MILLIS -> " (milliseconds, or a duration such as 250ms or 1.5s)";
            case NUMBER -> "";
        };
    }

    private static Condition.Operator operator(String symbol) {
        for (Condition.Operator o : Condition.Operator.values()) {
            if (o.symbol().equals(symbol)) {
                return o;
            }
        }
        throw new IllegalStateException(symbol);
    }

    private static int firstNonBlank(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return Math.min(i, Math.max(0, text.length() - 1));
    }
}
