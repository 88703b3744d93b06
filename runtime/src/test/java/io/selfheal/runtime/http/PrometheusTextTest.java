package io.selfheal.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.ManualClock;
import io.selfheal.runtime.health.HealthMonitor;
import io.selfheal.runtime.config.AgentConfig;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    @Test
    void labelValuesAreEscapedAndCountersAreWholeNumbers() throws Exception {
        AgentConfig config = ConfigLoader.parse("targets:\n  - { name: 'we\"ird\\name', class: com.acme.A }\n", "t.yaml");
        HealingEngine engine = new HealingEngine(config, e -> { }, new ManualClock());
        engine.targets().iterator().next().stats().calls.add(3);
        String text = PrometheusText.render(engine, new HealthMonitor(engine, config.health()), "1.0", 2.5);
        assertTrue(text.contains("selfheal_calls_total{target=\"we\\\"ird\\\\name\"} 3\n"), text);
        assertTrue(text.contains("# TYPE selfheal_calls_total counter\n"), text);
        assertTrue(text.contains("selfheal_uptime_seconds 2.5\n"), text);
        assertTrue(text.contains("# TYPE selfheal_rate_limited_total counter\n"), text);
        assertTrue(text.contains("# TYPE selfheal_hedge_wins_total counter\n"), text);
        assertEquals(-1, text.indexOf("selfheal_latency_seconds"), "no target measures latency");
    }
}
