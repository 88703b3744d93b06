package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.IsolatedException;
import io.selfheal.runtime.config.ConfigLoader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReloadAndLatencyTest {
    private final ManualClock clock = new ManualClock();

    private HealingEngine engine(String yaml) throws Exception {
        return new HealingEngine(ConfigLoader.parse(yaml, "t.yaml"), e -> { }, clock);
    }

    @Test
    void replacingTargetsKeepsUnchangedStateAndStartsChangedOnesAfresh() throws Exception {
        HealingEngine engine = engine("""
                targets:
                  - { name: kept, class: com.acme.K }
                  - { name: changed, class: com.acme.C }
                  - { name: removed, class: com.acme.R }
                """);
        TargetRuntime kept = engine.target("kept");
        kept.isolate();
        kept.stats().calls.add(7);
        HealingEngine.TargetChanges changes = engine.replaceTargets(ConfigLoader.parse("""
                targets:
                  - { name: kept, class: com.acme.K }
                  - { name: changed, class: com.acme.C, latency: true }
                  - { name: added, class: com.acme.A }
                """, "t.yaml").targets());
        assertEquals(Set.of("added"), changes.added());
        assertEquals(Set.of("removed"), changes.removed());
        assertEquals(Set.of("changed"), changes.changed());
        assertEquals(Set.of("kept"), changes.kept());
        assertSame(kept, engine.target("kept"));
        assertTrue(engine.target("kept").isIsolated());
        assertEquals(7, engine.target("kept").stats().calls.sum());
        assertTrue(engine.target("changed").latency() != null);
        assertNull(engine.target("removed"));
        assertEquals(List.of("kept", "changed", "added"), engine.targets().stream().map(TargetRuntime::name).toList());
    }

    @Test
    void onlyALatencyTargetGetsATokenAndItsDurationIsRecorded() throws Exception {
        HealingEngine engine = engine("""
                targets:
                  - { name: plain, class: com.acme.P }
                  - { name: timed, class: com.acme.T, latency: true }
                """);
        int plain = engine.registerSite("plain", "com.acme.P", "m", "()V", null, List.of());
        int timed = engine.registerSite("timed", "com.acme.T", "m", "()V", null, List.of());
        assertNull(engine.enter(plain, null), "no token, no allocation, for a target that does not measure");
        Object token = engine.enter(timed, null);
        clock.advanceMillis(40);
        engine.success(timed, token);
        double p50 = engine.target("timed").latency().percentileMillis(0.5);
        assertTrue(p50 >= 40 && p50 < 40 * 1.2, "p50 " + p50);
    }

    @Test
    void anIsolatedTargetShortCircuitsWithIsolatedException() throws Exception {
        HealingEngine engine = engine("targets:\n  - { name: iso, class: com.acme.I }\n");
        int site = engine.registerSite("iso", "com.acme.I", "m", "()V", null, List.of());
        engine.target("iso").isolate();
        assertSame(Healing.SHORT_CIRCUIT, engine.enter(site, null));
        assertThrows(IsolatedException.class, () -> engine.shortCircuit(site, null, null));
        assertEquals(1, engine.target("iso").stats().shortCircuits.sum());
        engine.target("iso").release();
        assertNull(engine.enter(site, null));
    }

    @Test
    void latencyPercentilesComeFromTheRecordedDistribution() {
        LatencyRecorder r = new LatencyRecorder();
        assertEquals(-1, r.percentileMillis(0.5));
        for (int i = 0; i < 98; i++) {
            r.record(1_000_000); // 1 ms
        }
        r.record(500_000_000);
        r.record(500_000_000); // two slow calls
        assertEquals(100, r.count());
        assertTrue(r.percentileMillis(0.5) >= 1 && r.percentileMillis(0.5) < 1.2, "" + r.percentileMillis(0.5));
        assertTrue(r.percentileMillis(0.99) >= 500, "" + r.percentileMillis(0.99));
        assertNotSame(r.percentileMillis(0.5), r.percentileMillis(0.99));
    }
}
