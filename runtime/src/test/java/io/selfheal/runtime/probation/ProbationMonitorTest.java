package io.selfheal.runtime.probation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.ProbationConfig;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.TargetStats;
import io.selfheal.runtime.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Probation on a real engine's counters, with a clock that moves only when told. */
class ProbationMonitorTest {
    private long now = 1_000_000;
    private final Clock clock = new Clock() {
        @Override
        public long nanoTime() {
            return now * 1_000_000;
        }

        @Override
        public long currentTimeMillis() {
            return now;
        }

        @Override
        public boolean sleep(long millis) {
            now += millis;
            return true;
        }
    };
    private final List<String> verdicts = new ArrayList<>();
    private final List<Map<String, Object>> figures = new ArrayList<>();
    private final HealingEngine engine;
    private final ProbationMonitor monitor;
    private final TargetStats quotes;

    ProbationMonitorTest() throws Exception {
        engine = new HealingEngine(ConfigLoader.parse("""
                targets:
                  - name: quotes
                    class: com.acme.Quotes
                  - name: other
                    class: com.acme.Other
                """, "t.yaml"), e -> { }, clock);
        monitor = new ProbationMonitor(engine, clock, new ProbationVerdicts() {
            @Override
            public void rollBack(String patchId, String decidedBy, Map<String, Object> f) {
                verdicts.add("rolled back " + patchId + ": " + decidedBy);
                figures.add(f);
            }

            @Override
            public void keep(String patchId, boolean verdict, String message, Map<String, Object> f) {
                verdicts.add((verdict ? "kept " : "kept without verdict ") + patchId + ": " + message);
                figures.add(f);
            }
        }, now);
        quotes = engine.target("quotes").stats();
    }

    /** {@code seconds} seconds of calls, {@code callsPerSecond} a second with {@code failuresPerSecond} failing, ticking. */
    private void run(int seconds, int callsPerSecond, int failuresPerSecond) {
        for (int s = 0; s < seconds; s++) {
            for (int t = 0; t < 5; t++) {
                quotes.calls.add(callsPerSecond / 5);
                quotes.failures.add(failuresPerSecond / 5);
                now += ProbationMonitor.TICK_MILLIS;
                monitor.tick();
            }
        }
    }

    private static ProbationConfig probation(String yaml) throws Exception {
        return ProbationConfig.parse(yaml, "t");
    }

    private void patch(String id, String yaml) throws Exception {
        ProbationConfig spec = probation(yaml);
        List<String> judges = monitor.judges(spec, List.of("com.acme.Quotes"));
        monitor.watch(id, spec, judges, monitor.before(spec, judges));
    }

    @Test
    void aPatchThatRaisesTheErrorRateIsRolledBackAtTheFirstTickAfterMinCallsWithTheFigures() throws Exception {
        run(60, 100, 10);   // 10% failing
        patch("worse", "{ for: 5m, rollback-if: 'error-rate > before * 1.5', min-calls: 50 }");
        quotes.calls.add(40);
        quotes.failures.add(30);
        now += ProbationMonitor.TICK_MILLIS;
        monitor.tick();
        assertEquals(List.of(), verdicts, "40 calls: fewer than min-calls, no verdict yet");
        quotes.calls.add(20);
        quotes.failures.add(10);
        now += ProbationMonitor.TICK_MILLIS;
        monitor.tick();
        assertEquals(List.of("rolled back worse: quotes: error-rate 0.6667 > before 0.1 * 1.5 (0.15)"), verdicts);
        @SuppressWarnings("unchecked")
        Map<String, Object> q = (Map<String, Object>) figures.get(0).get("quotes");
        assertEquals(60L, q.get("calls"));
        assertEquals(40L, q.get("failures"));
        assertEquals(0.1, ((Map<?, ?>) q.get("before")).get("error-rate"));
        assertFalse(monitor.isWatching("worse"));
    }

    @Test
    void aPatchThatLowersItIsKeptAtTheEndAndTooFewCallsGiveNoVerdict() throws Exception {
        run(10, 100, 10);
        patch("better", "{ for: 3s, rollback-if: 'error-rate > before * 1.5', min-calls: 50 }");
        run(2, 100, 0);
        assertEquals(List.of(), verdicts, "still on probation");
        run(1, 100, 0);
        assertEquals(1, verdicts.size());
        assertTrue(verdicts.get(0).startsWith("kept better: kept after for 3s, rollback-if 'error-rate > before * 1.5',"
                + " min-calls 50: 'error-rate > before * 1.5' never held"), verdicts.get(0));

        patch("few", "{ for: 1s, rollback-if: 'error-rate > before', min-calls: 1000 }");
        run(1, 100, 100);   // every call fails, but 100 calls are too few to judge
        assertEquals("kept without verdict few: kept without a verdict: fewer than min-calls (1000) calls in [quotes]"
                + " during probation", verdicts.get(1));
    }

    @Test
    void beforeIsTheSameLengthOfTimeJustBeforeThePatch() throws Exception {
        run(60, 100, 10);   // an old stretch at 10%
        run(10, 100, 50);   // the last 10 s at 50%
        ProbationConfig spec = probation("{ for: 10s, rollback-if: 'error-rate > before' }");
        Map<String, Map<String, Object>> before = monitor.before(spec, List.of("quotes"));
        // the history reads once a second: before starts at the last reading at or before 10 s ago,
        // 0.8 s into the old stretch: (8 + 500) / (80 + 1000)
        assertEquals(1080L, before.get("quotes").get("calls"));
        assertEquals(0.4704, before.get("quotes").get("error-rate"));
        ProbationConfig longer = probation("{ for: 70s, rollback-if: 'error-rate > before' }");
        assertEquals(0.1571, monitor.before(longer, List.of("quotes")).get("quotes").get("error-rate"));
    }

    @Test
    void theJudgesAreTheTargetsOnThePatchedClassesOrThoseNamed() throws Exception {
        assertEquals(List.of("quotes"), monitor.judges(probation("{ for: 1m, rollback-if: 'error-rate > before' }"),
                List.of("com.acme.Quotes")));
        var none = assertThrows(IllegalArgumentException.class, () -> monitor.judges(
                probation("{ for: 1m, rollback-if: 'error-rate > before' }"), List.of("com.acme.Greeter")));
        assertTrue(none.getMessage().startsWith("the probation has no target to judge the patch: no target of the config"
                + " is on com.acme.Greeter"), none.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> monitor.judges(
                probation("{ for: 1m, rollback-if: 'error-rate > before', targets: [ pricing ] }"), List.of("x.Y")));
        assertEquals("probation.targets names 'pricing', which is no target of the config (targets: quotes, other)",
                unknown.getMessage());
    }
}
