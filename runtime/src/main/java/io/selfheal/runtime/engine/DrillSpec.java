package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.Durations;
import java.time.Duration;
import java.util.List;

/**
 * What a drill asks for, as the command line and JMX write it: one fault ({@code --throw
 * CLASS[:MESSAGE]}, {@code --latency DURATION} or {@code --return LITERAL}), the fraction of calls
 * it touches ({@code --rate}, default 1.0), how long it runs ({@code --for}, default 30s) and after
 * how many touched calls it ends ({@code --calls}, 0: no limit). The caps of {@code drills:} are
 * applied when the drill starts, not here.
 */
public record DrillSpec(Fault fault, String exceptionClass, String message, Duration latency, String literal,
        double rate, Duration duration, long calls) {

    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);

    /** The kind of fault injected at the woven method's entry. */
    public enum Fault {
        THROW("throw"), LATENCY("latency"), RETURN("return");

        private final String wireName;

        Fault(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /**
     * Reads the options after {@code drill PID TARGET}; {@code --detach} is the command line's and
     * ignored here.
     *
     * @throws IllegalArgumentException with the reason, naming the option
     */
    public static DrillSpec parse(List<String> options) {
        Fault fault = null;
        String exceptionClass = null;
        String message = null;
        Duration latency = null;
        String literal = null;
        double rate = 1.0;
        Duration duration = DEFAULT_DURATION;
        long calls = 0;
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (option.equals("--detach")) {
                continue;
            }
            if (!option.startsWith("--")) {
                throw new IllegalArgumentException("unexpected '" + option + "': options are --throw, --latency,"
                        + " --return, --rate, --for, --calls, --detach");
            }
            if (i + 1 >= options.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = options.get(++i);
            switch (option) {
                case "--throw", "--latency", "--return" -> {
                    if (fault != null) {
                        throw new IllegalArgumentException("one fault per drill: " + option + " after --"
                                + fault.wireName());
                    }
                    if (option.equals("--throw")) {
                        fault = Fault.THROW;
                        int colon = value.indexOf(':');
                        exceptionClass = (colon < 0 ? value : value.substring(0, colon)).trim();
                        message = colon < 0 ? null : value.substring(colon + 1);
                        if (exceptionClass.isEmpty()) {
                            throw new IllegalArgumentException("--throw needs an exception class, e.g."
                                    + " --throw java.io.IOException:boom");
                        }
                    } else if (option.equals("--latency")) {
                        fault = Fault.LATENCY;
                        latency = duration(option, value);
                    } else {
                        fault = Fault.RETURN;
                        literal = value;
                    }
                }
                case "--rate" -> {
                    try {
                        rate = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        rate = Double.NaN;
                    }
                    if (!(rate > 0 && rate <= 1)) {
                        throw new IllegalArgumentException("--rate must be a fraction above 0 and at most 1, found '"
                                + value + "'");
                    }
                }
                case "--for" -> duration = duration(option, value);
                case "--calls" -> {
                    try {
                        calls = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        calls = -1;
                    }
                    if (calls < 1) {
                        throw new IllegalArgumentException("--calls must be a whole number of at least 1, found '"
                                + value + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + option + ": options are --throw,"
                        + " --latency, --return, --rate, --for, --calls, --detach");
            }
        }
        if (fault == null) {
            throw new IllegalArgumentException("a drill needs a fault: --throw CLASS[:MESSAGE], --latency DURATION"
                    + " or --return LITERAL");
        }
        return new DrillSpec(fault, exceptionClass, message, latency, literal, rate, duration, calls);
    }

    private static Duration duration(String option, String value) {
        Duration d;
        try {
            d = Durations.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " takes a duration such as 300ms, 10s or 1m, found '"
                    + value + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(option + " must be longer than 0, found '" + value + "'");
        }
        return d;
    }

    /** The fault as an operator reads it, e.g. {@code throw java.io.IOException: boom}. */
    public String describe() {
        return switch (fault) {
            case THROW -> "throw " + exceptionClass + (message == null ? "" : ": " + message);
            case LATENCY -> "latency " + Durations.format(latency);
            case RETURN -> "return " + literal;
        };
    }
}
