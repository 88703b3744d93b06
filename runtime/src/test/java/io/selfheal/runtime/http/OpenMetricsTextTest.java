package io.selfheal.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.ManualClock;
import io.selfheal.runtime.health.HealthMonitor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenMetricsTextTest {
    private static String prometheus() throws Exception {
        AgentConfig config = ConfigLoader.parse("targets:\n  - { name: a, class: com.acme.A, latency: true }\n"
                + "  - { name: b, class: com.acme.B }\n", "t.yaml");
        HealingEngine engine = new HealingEngine(config, e -> { }, new ManualClock());
        return PrometheusText.render(engine, new HealthMonitor(engine, config.health()), "9.9", 1.5);
    }

    @Test
    void countersAreNamedWithoutTotalInTheirFamilyAndKeepItOnTheirSamples() throws Exception {
        String om = OpenMetricsText.from(prometheus());
        assertTrue(om.contains("# TYPE selfheal_calls counter\n# HELP selfheal_calls Calls that entered a woven method.\n"
                + "selfheal_calls_total{target=\"a\"} 0\n"), om);
        assertTrue(om.contains("# TYPE selfheal_circuit_state gauge\n"), om);
        assertTrue(om.contains("# TYPE selfheal info\n# HELP selfheal The agent's version.\nselfheal_info{version=\"9.9\"} 1\n"), om);
        assertTrue(om.contains("# TYPE selfheal_uptime_seconds gauge\n# UNIT selfheal_uptime_seconds seconds\n"), om);
        assertTrue(om.contains("# TYPE selfheal_latency_seconds summary\n# UNIT selfheal_latency_seconds seconds\n"), om);
    }

    /** The rules of the format a strict parser holds us to: one family block each, typed first, EOF last. */
    @Test
    void everySampleBelongsToTheFamilyTypedJustBeforeItAndTheTextEndsInEof() throws Exception {
        String om = OpenMetricsText.from(prometheus());
        assertTrue(om.endsWith("\n# EOF\n"), om);
        List<String> lines = List.of(om.split("\n"));
        Set<String> seen = new HashSet<>();
        String family = null;
        String type = null;
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertFalse(line.isEmpty(), "no blank lines");
            if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                family = p[2];
                type = p[3];
                assertTrue(seen.add(family), "one block per family: " + family);
                assertFalse(family.endsWith("_total"), family);
                continue;
            }
            if (line.startsWith("# ")) {
                assertTrue(line.startsWith("# HELP " + family + " ") || line.startsWith("# UNIT " + family + " "), line);
                continue;
            }
            String name = line.substring(0, line.indexOf(line.contains("{") ? '{' : ' '));
            String suffix = name.substring(Math.min(name.length(), family.length()));
            assertTrue(name.startsWith(family), line + " outside " + family);
            switch (type) {
                case "counter" -> assertEquals("_total", suffix, line);
                case "info" -> assertEquals("_info", suffix, line);
                case "summary" -> assertTrue(suffix.isEmpty() || suffix.equals("_count") || suffix.equals("_sum"), line);
                default -> assertEquals("", suffix, line);
            }
        }
        assertTrue(seen.contains("selfheal_agent_faults"), om);
    }

    @Test
    void onlyAnAcceptNamingOpenMetricsGetsIt() {
        assertTrue(OpenMetricsText.wanted("application/openmetrics-text; version=1.0.0,text/plain;version=0.0.4;q=0.5"));
        assertFalse(OpenMetricsText.wanted("text/plain"));
        assertFalse(OpenMetricsText.wanted(null));
    }
}
