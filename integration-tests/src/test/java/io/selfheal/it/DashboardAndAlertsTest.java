package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Promtool;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.health.HealthMonitor;
import io.selfheal.runtime.http.PrometheusText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: the Grafana dashboard and the Prometheus alerting rules in config-samples ask only for
 * metrics /metrics exports, and promtool accepts the rules and fires them when it should.
 */
class DashboardAndAlertsTest {
    private static final Path RULES = ChildJvm.samplesDir().resolve("prometheus/selfheal-alerts.yaml");
    private static final Path DASHBOARD = ChildJvm.samplesDir().resolve("grafana/selfheal-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\bselfheal_[a-z_]+\\b");

    @TempDir
    Path dir;

    /** Every sample name /metrics can carry: each family, and a summary's _count. */
    private static Set<String> exported() throws Exception {
        AgentConfig config = ConfigLoader.parse("targets:\n  - { name: a, class: com.acme.A, latency: true }\n", "t.yaml");
        HealingEngine engine = new HealingEngine(config, e -> { }, io.selfheal.runtime.time.Clock.SYSTEM);
        String text = PrometheusText.render(engine, new HealthMonitor(engine, config.health()), "1", 1);
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                names.add(line.substring(0, line.indexOf(line.contains("{") ? '{' : ' ')));
            }
        }
        return names;
    }

    private static Set<String> metricsIn(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @Test
    void promtoolAcceptsTheAlertingRules() {
        Promtool.Outcome checked = Promtool.checkRules(RULES);
        assertEquals(0, checked.exitCode(), checked.output());
        assertTrue(checked.output().contains("SUCCESS: 3 rules found"), checked.output());
    }

    /** The rules fire on a circuit open past 5 minutes, on unhealed failures and on agent faults, and not before. */
    @Test
    void theAlertsFireWhenTheyShouldByPromtoolsOwnRuleTests() throws Exception {
        Files.copy(RULES, dir.resolve("selfheal-alerts.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Path tests = dir.resolve("selfheal-alerts.test.yaml");
        Files.copy(Path.of("src/test/resources/prometheus/selfheal-alerts.test.yaml"), tests);
        Promtool.Outcome outcome = Promtool.run(dir, "test", "rules", tests.toString());
        assertEquals(0, outcome.exitCode(), outcome.output());
        assertTrue(outcome.output().contains("SUCCESS"), outcome.output());
    }

    @Test
    void theAlertsAndEveryDashboardQueryAskOnlyForMetricsWeExport() throws Exception {
        Set<String> exported = exported();
        assertTrue(exported.contains("selfheal_calls_total") && exported.contains("selfheal_latency_seconds_count"),
                exported.toString());
        Set<String> inRules = metricsIn(Files.readString(RULES));
        assertEquals(Set.of("selfheal_circuit_state", "selfheal_unhealed_total", "selfheal_agent_faults_total"), inRules);

        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> queries.add(e.asText()));
        dashboard.path("templating").path("list").forEach(v -> queries.add(v.path("definition").asText()));
        assertTrue(queries.size() >= 10, queries.toString());
        Set<String> inDashboard = new TreeSet<>();
        for (String q : queries) {
            Set<String> names = metricsIn(q);
            assertTrue(!names.isEmpty() || q.isEmpty(), "a query with no selfheal metric: " + q);
            inDashboard.addAll(names);
        }
        Set<String> unknown = new TreeSet<>(inDashboard);
        unknown.removeAll(exported);
        assertEquals(Set.of(), unknown, "the dashboard asks for metrics /metrics does not export");
        // What the issue asks the dashboard to show.
        for (String shown : List.of("selfheal_calls_total", "selfheal_healed_total", "selfheal_circuit_state",
                "selfheal_health", "selfheal_retries_total", "selfheal_fallbacks_total",
                "selfheal_short_circuits_total", "selfheal_agent_faults_total")) {
            assertTrue(inDashboard.contains(shown), shown + " is not on the dashboard");
        }
    }
}
