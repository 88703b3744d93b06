package io.selfheal.runtime.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.HealthConfig;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.ManualClock;
import io.selfheal.runtime.health.HealthMonitor;
import io.selfheal.runtime.http.PrometheusText;
import org.junit.jupiter.api.Test;

class MeterCatalogueTest {
    /** Micrometer's and OpenTelemetry's names are /metrics' own: same family, same kind, same help. */
    @Test
    void everyMeterIsAMetricsFamilyOfTheSameKind() throws Exception {
        AgentConfig config = ConfigLoader.parse("targets:\n  - { name: a, class: com.acme.A }\n", "t.yaml");
        HealingEngine engine = new HealingEngine(config, e -> { }, new ManualClock());
        HealthMonitor health = new HealthMonitor(engine, HealthConfig.DEFAULT);
        String text = PrometheusText.render(engine, health, "1", 0);
        int families = 0;
        for (Meter m : MeterCatalogue.of(engine, health)) {
            assertTrue(m.name().startsWith("selfheal.") && !m.name().endsWith("_total"), m.name());
            String family = m.prometheusName();
            assertTrue(text.contains("# TYPE " + family + " " + (m.counter() ? "counter" : "gauge") + "\n"),
                    family + " in\n" + text);
            assertTrue(text.contains("# HELP " + family + " " + m.description() + "\n"), family);
            families++;
        }
        assertEquals(14, families);
        assertEquals("selfheal_short_circuits_total", new Meter("selfheal.short_circuits", "", true, null, null)
                .prometheusName());
    }
}
