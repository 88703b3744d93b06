package io.selfheal.runtime.config;

import java.time.Duration;

/** Reads durations as config files write them: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
public final class Durations {
    private Durations() {
    }

    /**
     * @throws IllegalArgumentException with a message fit for the user when the text is not a
     *     non-negative duration with a unit
     */
    public static Duration parse(String text) {
        String t = text.trim();
        int numberEnd = numberEnd(t);
        int unitStart = Math.max(numberEnd, 0);
        while (unitStart < t.length() && isRegexSpace(t.charAt(unitStart))) {
            unitStart++;
        }
        String unit = t.substring(unitStart);
        if (numberEnd < 0 || !(unit.equals("ms") || unit.equals("s") || unit.equals("m") || unit.equals("h")
                || unit.equals("d"))) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a duration; write a number and a unit: 250ms, 30s, 5m, 2h, 1d");
        }
        double amount = Double.parseDouble(t.substring(0, numberEnd));
        if (amount < 0) {
            throw new IllegalArgumentException("'" + text + "' is negative; a duration must be 0 or more");
        }
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 86_400_000;
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    /**
     * Where {@code -?[0-9]+(\.[0-9]+)?} at the start of {@code t} ends, or -1 when it is not there.
     * By hand, not by regular expression: every duration of a config is read at agent start.
     */
    private static int numberEnd(String t) {
        int i = t.startsWith("-") ? 1 : 0;
        int digits = digitsFrom(t, i);
        if (digits == 0) {
            return -1;
        }
        i += digits;
        if (i < t.length() && t.charAt(i) == '.') {
            int fraction = digitsFrom(t, i + 1);
            if (fraction > 0) {
                i += 1 + fraction;
            }
        }
        return i;
    }

    /** How many ASCII digits {@code t} has from {@code from} on. */
    static int digitsFrom(String t, int from) {
        int i = from;
        while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    /** {@code \s} of a regular expression: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** The shortest way to write {@code d} back, for messages and reports. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0 && ms > 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
