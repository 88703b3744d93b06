package io.selfheal.runtime.http;

/**
 * The same metrics in the OpenMetrics text format (1.0.0), for a scraper that asks for it with
 * {@code Accept: application/openmetrics-text}. Made from the Prometheus text rather than beside
 * it, so a metric added to {@link PrometheusText} comes out in both formats with no second line:
 * a counter's family is named without {@code _total} (its samples keep it), {@code selfheal_info}
 * is an {@code info} family named {@code selfheal}, a family in seconds gets its {@code UNIT}
 * line, and the text ends in {@code # EOF}.
 */
public final class OpenMetricsText {
    public static final String CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private OpenMetricsText() {
    }

    /** True when an {@code Accept} header asks for OpenMetrics. */
    public static boolean wanted(String accept) {
        return accept != null && accept.contains("application/openmetrics-text");
    }

    /** Rewrites text in the Prometheus format (HELP before TYPE, as {@link PrometheusText} writes it). */
    public static String from(String prometheusText) {
        StringBuilder out = new StringBuilder(prometheusText.length() + 256);
        String pendingHelp = null;
        for (String line : prometheusText.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                pendingHelp = line;   // written with its TYPE, once the family's name is known
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring("# TYPE ".length()).split(" ");
                String name = parts[0];
                String type = parts[1];
                String family = familyName(name, type);
                String omType = name.equals("selfheal_info") ? "info" : type;
                out.append("# TYPE ").append(family).append(' ').append(omType).append('\n');
                if (family.endsWith("_seconds")) {
                    out.append("# UNIT ").append(family).append(" seconds\n");
                }
                if (pendingHelp != null && pendingHelp.startsWith("# HELP " + name + " ")) {
                    String help = pendingHelp.substring(("# HELP " + name + " ").length());
                    out.append("# HELP ").append(family).append(' ').append(help.replace("\"", "\\\"")).append('\n');
                }
                pendingHelp = null;
                continue;
            }
            if (line.startsWith("#")) {
                continue;   // no other comment lines are allowed in OpenMetrics
            }
            out.append(line).append('\n');
        }
        return out.append("# EOF\n").toString();
    }

    private static String familyName(String name, String type) {
        if (type.equals("counter") && name.endsWith("_total")) {
            return name.substring(0, name.length() - "_total".length());
        }
        if (name.equals("selfheal_info")) {
            return "selfheal";
        }
        return name;
    }
}
