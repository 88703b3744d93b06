package io.selfheal.agent.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link LiveJvm#snapshot()} as a table that fits an 80-column terminal. */
final class StatusTable {
    static final int WIDTH = 80;
    private static final String ROW = "%-16s %7s %6s %6s %-9s %-9s %s";

    private StatusTable() {
    }

    private static String percent(Object ratio) {
        return ratio instanceof Number n && !Double.isNaN(n.doubleValue())
                ? String.format(Locale.ROOT, "%.0f%%", n.doubleValue() * 100) : "-";
    }

    static String render(Map<String, Object> s) {
        StringBuilder sb = new StringBuilder();
        line(sb, "selfheal " + s.get("version") + "  pid " + s.get("pid") + "  up "
                + uptime(number(s.get("uptimeMillis"))) + "  health " + s.get("health")
                + "  agent faults " + s.get("agentFaults"));
        line(sb, "calls " + count(s.get("totalCalls")) + "  failures " + count(s.get("failures")) + "  healed "
                + count(s.get("healed")) + "  unhealed " + count(s.get("unhealed")));
        if (Boolean.TRUE.equals(s.get("memoryWatched"))) {
            line(sb, "memory  heap-after-gc " + percent(s.get("heapAfterGc")) + "  gc-time " + percent(s.get("gcTime"))
                    + "  reclaims " + count(s.get("memoryReclaims")));
        }
        sb.append('\n');
        line(sb, String.format(ROW, "TARGET", "CALLS", "FAILS", "HEALED", "CIRCUIT", "HEALTH", "LAST ERROR"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> targets = (List<Map<String, Object>>) s.get("targets");
        for (Map<String, Object> t : targets) {
            String circuit = Boolean.TRUE.equals(t.get("isolated")) ? "ISOLATED" : String.valueOf(t.get("circuitState"));
            line(sb, String.format(ROW, fit(String.valueOf(t.get("name")), 16), count(t.get("calls")),
                    count(t.get("failures")), count(t.get("healed")), circuit, t.get("health"), lastError(t)));
        }
        if (targets.isEmpty()) {
            line(sb, "(no targets configured)");
        }
        for (Map<String, Object> t : targets) {
            if (t.get("concurrencyLimit") instanceof Number limit && limit.intValue() >= 0) {
                line(sb, String.format("%-16s concurrency limit %d, in flight %s", fit(String.valueOf(t.get("name")), 16),
                        limit.intValue(), t.get("inFlight")));
            }
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> patches = (List<Map<String, Object>>) s.get("patches");
        if (patches != null && !patches.isEmpty()) {
            sb.append('\n');
            for (Map<String, Object> p : patches) {
                Object probation = p.get("probation");
                line(sb, "patch " + p.get("id") + "  " + p.get("status")
                        + (probation == null || probation.toString().isEmpty() ? "" : "  " + probation));
            }
        }
        return sb.toString();
    }

    private static String lastError(Map<String, Object> t) {
        Object type = t.get("lastErrorType");
        if (type == null) {
            return "-";
        }
        String simple = type.toString().substring(type.toString().lastIndexOf('.') + 1);
        Object message = t.get("lastErrorMessage");
        return message == null ? simple : simple + ": " + message;
    }

    /** Appends one line cut to the terminal's width. */
    private static void line(StringBuilder sb, String text) {
        sb.append(fit(text.replace('\n', ' '), WIDTH)).append('\n');
    }

    static String fit(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }

    /** A count in at most 7 characters: 1234567, then 12.3M, 1.2G. */
    static String count(Object value) {
        long n = number(value);
        if (n < 10_000_000) {
            return Long.toString(n);
        }
        if (n < 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.1fG", n / 1e9);
    }

    static String uptime(long millis) {
        long s = millis / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
