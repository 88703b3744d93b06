package io.selfheal.junit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A drill's verdict, read from the agent as the drill goes on: inside the test body it counts the
 * calls made so far; after the body, the final report. The fields are the agent's ({@code calls},
 * {@code touched}, {@code healed}, {@code healedBy}, {@code unhealed}, {@code healMillisP50},
 * {@code healMillisP99}, {@code untouchedFailures}).
 */
public final class DrillReport {
    private final Supplier<String> source;
    private volatile String fixed;

    DrillReport(Supplier<String> source) {
        this.source = source;
    }

    /** A report of these fields, as JSON (tests and a final report). */
    static DrillReport of(String json) {
        DrillReport r = new DrillReport(() -> json);
        r.fixed = json;
        return r;
    }

    /** The final report: read no more from the agent. */
    void fix(String json) {
        fixed = json;
    }

    /** The report as the agent wrote it (JSON). */
    public String json() {
        String f = fixed;
        if (f != null) {
            return f;
        }
        String now = source.get();
        return now == null ? "{}" : now;
    }

    public long calls() {
        return number("calls");
    }

    public long touched() {
        return number("touched");
    }

    public long healed() {
        return number("healed");
    }

    /** Healed calls per strategy: {@code retry}, {@code fallback}, {@code short-circuit}, {@code timeout}, ... */
    public Map<String, Long> healedBy() {
        Matcher m = Pattern.compile("\"healedBy\":\\{([^}]*)\\}").matcher(json());
        Map<String, Long> by = new LinkedHashMap<>();
        if (m.find()) {
            Matcher e = Pattern.compile("\"([^\"]*)\":(-?[0-9]+)").matcher(m.group(1));
            while (e.find()) {
                by.put(e.group(1), Long.parseLong(e.group(2)));
            }
        }
        return Collections.unmodifiableMap(by);
    }

    /** Calls healed by {@code strategy}; 0 when none. */
    public long healedBy(String strategy) {
        return healedBy().getOrDefault(strategy, 0L);
    }

    /** Touched calls whose fault reached the caller. */
    public long unhealed() {
        return number("unhealed");
    }

    public long healMillisP50() {
        return number("healMillisP50");
    }

    public long healMillisP99() {
        return number("healMillisP99");
    }

    /** Calls the drill did not touch whose body failed anyway. */
    public long untouchedFailures() {
        return number("untouchedFailures");
    }

    /** Why the drill ended ({@code drill-stop} at the end of a test), or {@code null} while it runs. */
    public String ended() {
        Matcher m = Pattern.compile("\"ended\":\"([^\"]*)\"").matcher(json());
        return m.find() ? m.group(1) : null;
    }

    private long number(String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9]+)").matcher(json());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Override
    public String toString() {
        return json();
    }
}
