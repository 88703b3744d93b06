package io.selfheal.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.ManualClock;
import io.selfheal.runtime.health.HealthMonitor;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.rules.JvmMemory;
import io.selfheal.runtime.patch.PatchApplier;
import io.selfheal.runtime.patch.PatchInfo;
import io.selfheal.runtime.patch.PatchOutcome;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void theMemoryMetricsOnlyWhenMemoryIsWatched() throws Exception {
        AgentConfig config = ConfigLoader.parse("targets: []\n", "t.yaml");
        HealingEngine engine = new HealingEngine(config, e -> { }, new ManualClock());
        HealthMonitor health = new HealthMonitor(engine, config.health());
        assertEquals(-1, PrometheusText.render(engine, health, "1.0", 1).indexOf("selfheal_heap_after_gc_ratio"));
        JvmMemory.install(new JvmMemory() {
            @Override public double heapAfterGc() { return 0.5; }
            @Override public double gcTime() { return 0.25; }
            @Override public long heapAfterGcBytes() { return 100; }
            @Override public long maxHeapBytes() { return 200; }
            @Override public long collections() { return 7; }
            @Override public long reclaims() { return 2; }
            @Override public long droppedEvents() { return 1; }
            @Override public java.util.List<String> reclaimerNames() { return java.util.List.of(); }
            @Override public void reclaim(String name, String by) { }
            @Override public boolean relieveOutOfMemory() { return false; }
        });
        try {
            String text = PrometheusText.render(engine, health, "1.0", 1);
            assertTrue(text.contains("# TYPE selfheal_heap_after_gc_ratio gauge\nselfheal_heap_after_gc_ratio 0.5\n"), text);
            assertTrue(text.contains("selfheal_gc_time_ratio 0.25\n"), text);
            assertTrue(text.contains("selfheal_memory_reclaims_total 2\n"), text);
            assertTrue(text.contains("selfheal_memory_events_dropped_total 1\n"), text);
        } finally {
            JvmMemory.install(null);
        }
    }

    @Test
    void eachAppliedPatchIsAnInfoLineWithItsHashAndState() throws Exception {
        AgentConfig config = ConfigLoader.parse("targets:\n  - { name: quotes, class: com.acme.A }\n", "t.yaml");
        HealingEngine engine = new HealingEngine(config, e -> { }, new ManualClock());
        HealthMonitor health = new HealthMonitor(engine, config.health());
        assertEquals(-1, PrometheusText.render(engine, health, "1.0", 1).indexOf("selfheal_patch_info"),
                "no patch applier, no patch lines");
        List<PatchInfo> applied = List.of(
                new PatchInfo("fix-1", "", List.of("com.acme.A"), "/p/fix-1.jar", "2026-12-08T00:00:00Z",
                        "applied at load", "ab12", null, null, "restart", null, null),
                new PatchInfo("fix-2", "", List.of("com.acme.A"), "/p/fix-2.jar", "2026-12-08T00:00:00Z",
                        "on-probation", "cd34", "CN=ops", "AA:BB", "cli", "ann", "on probation until ..."));
        engine.patchApplier(new PatchApplier() {
            @Override
            public PatchOutcome apply(Path jar, String via) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PatchOutcome rollback(String id, String via) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<PatchInfo> patches() {
                return applied;
            }
        });
        String text = PrometheusText.render(engine, health, "1.0", 1);
        assertTrue(text.contains("# TYPE selfheal_patch_info gauge\n"
                + "selfheal_patch_info{id=\"fix-1\",sha256=\"ab12\",state=\"applied\"} 1\n"
                + "selfheal_patch_info{id=\"fix-2\",sha256=\"cd34\",state=\"on-probation\"} 1\n"), text);
    }
}
