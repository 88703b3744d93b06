package io.selfheal.runtime.rules;

import java.util.Locale;

/** One parsed {@code when:} expression: {@code <metric> <operator> <number>}. */
public record Condition(Metric metric, Operator operator, double threshold, String text) {

    public enum Operator {
        GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean test(double value, double threshold) {
            return switch (this) {
                case GT -> value > threshold;
                case GE -> value >= threshold;
                case LT -> value < threshold;
                case LE -> value <= threshold;
                case EQ -> value == threshold;
                case NE -> value != threshold;
            };
        }
    }

    /** True when {@code value} satisfies the condition; an unknown value ({@code NaN}) never does. */
    public boolean holds(double value) {
        return !Double.isNaN(value) && operator.test(value, threshold);
    }

    /** The condition with the value it was tested against, for events: {@code error-rate 0.21 > 0.15}. */
    public String describe(double value) {
        return metric.wireName() + " " + (Double.isNaN(value) ? "unknown" : format(value)) + " "
                + operator.symbol() + " " + format(threshold);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.4g", v).replaceAll("0+$", "");
    }
}
