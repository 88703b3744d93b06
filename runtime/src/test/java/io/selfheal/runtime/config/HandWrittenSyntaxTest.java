package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The name, glob and duration checks are written by hand for start-up speed; these tests hold
 * them to the regular expressions they replaced, over hand-picked and generated texts.
 */
class HandWrittenSyntaxTest {
    private static final Pattern CLASS_NAME =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern CLASS_OR_GLOB =
            Pattern.compile("[\\p{L}_$*?][\\p{L}\\p{N}_$*?]*(\\.[\\p{L}_$*?][\\p{L}\\p{N}_$*?]*)*");
    private static final Pattern TYPE =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*(\\[\\])*");
    private static final Pattern METHOD = Pattern.compile("[\\p{L}\\p{N}_$*?]+");
    private static final Pattern DURATION = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    /** Every text of up to {@code length} characters over {@code alphabet}, plus {@code extra}. */
    private static List<String> texts(String alphabet, int length, String... extra) {
        List<String> out = new ArrayList<>(List.of(extra));
        List<String> level = List.of("");
        for (int n = 0; n < length; n++) {
            List<String> next = new ArrayList<>();
            for (String prefix : level) {
                for (int i = 0; i < alphabet.length(); ) {
                    int c = alphabet.codePointAt(i);
                    i += Character.charCount(c);
                    next.add(prefix + new String(Character.toChars(c)));
                }
            }
            out.addAll(next);
            level = next;
        }
        out.add("");
        return out;
    }

    @Test
    void namesAndTypesAreCheckedAsTheRegularExpressionsDid() {
        List<String> texts = texts("a1._$*?[]é٣Ⅻ²-", 4, "java.io.IOException", "com.acme.**.*Client",
                "org.example.legacy.Dao?", "byte[]", "java.lang.String[][]", "int[", "a.b[].c", "𝒜𝒷.𝟙x",
                "\uD835", "a\uDC00", "a b", "a\n", "Ünïcødé.Klasse", "1abc", "_x.$y", "x..y", ".x", "x.");
        for (String t : texts) {
            assertEquals(CLASS_NAME.matcher(t).matches(), NameSyntax.isDottedName(t, ""), "class name: " + t);
            assertEquals(CLASS_OR_GLOB.matcher(t).matches(), NameSyntax.isDottedName(t, "*?"), "class or glob: " + t);
            assertEquals(TYPE.matcher(t).matches(), NameSyntax.isTypeName(t), "type: " + t);
            assertEquals(METHOD.matcher(t).matches(), NameSyntax.isMethodNameOrGlob(t), "method: " + t);
        }
    }

    @Test
    void methodGlobsMatchAsTheRegularExpressionsDid() {
        List<String> globs = texts("ab*?$", 4, "fetch*", "store", "*", "**", "?", "get?ame", "𝒜*", "é?");
        List<String> names = texts("ab$c", 4, "fetch", "fetchAll", "store", "𝒜x", "éx", "a\nb", "ab\r", "a\u2028",
                "\uD835", "a\uD835b");
        for (String glob : globs) {
            if (!NameSyntax.isMethodNameOrGlob(glob)) {
                continue;
            }
            Pattern regex = Pattern.compile(glob.replace("$", "\\$").replace("*", ".*").replace("?", "."));
            for (String name : names) {
                assertEquals(regex.matcher(name).matches(), MethodSelector.globMatches(glob, name),
                        "glob " + glob + " on " + name.replace("\n", "\\n"));
            }
        }
    }

    @Test
    void durationsAreReadAsTheRegularExpressionDid() {
        List<String> texts = texts("1.0- ms\thd", 4, "250ms", "30s", "5m", "2h", "1d", " 1.5 s ", "-1s", "1e3ms",
                "1..5s", "1.s", ".5s", "1 \u000B\f\rms", "10 ms", "ms", "1", "1x", "１s");
        for (String t : texts) {
            Matcher m = DURATION.matcher(t.trim());
            Duration expected = null;
            String expectedError = null;
            if (!m.matches()) {
                expectedError = "'" + t + "' is not a duration; write a number and a unit: 250ms, 30s, 5m, 2h, 1d";
            } else if (Double.parseDouble(m.group(1)) < 0) {
                expectedError = "'" + t + "' is negative; a duration must be 0 or more";
            } else {
                double amount = Double.parseDouble(m.group(1));
                double millis = switch (m.group(2)) {
                    case "ms" -> amount;
                    case "s" -> amount * 1_000;
                    case "m" -> amount * 60_000;
                    case "h" -> amount * 3_600_000;
                    default -> amount * 86_400_000;
                };
                expected = Duration.ofNanos(Math.round(millis * 1_000_000));
            }
            Duration actual = null;
            String actualError = null;
            try {
                actual = Durations.parse(t);
            } catch (IllegalArgumentException e) {
                actualError = e.getMessage();
            }
            assertEquals(expectedError, actualError, "error for '" + t + "'");
            assertEquals(expected, actual, "duration of '" + t + "'");
        }
    }
}
