package io.selfheal.runtime.engine;

import io.selfheal.runtime.lookahead.EnginePolicyActions;
import io.selfheal.runtime.lookahead.LookAhead;
import io.selfheal.runtime.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.rules.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The look-ahead wired to a real engine's counters, driven tick by tick with a manual clock. */
class LookAheadTest {
    @TempDir
    Path dir;

    final List<Event> events = new ArrayList<>();
    final EventSink sink = new EventSink() {
        @Override
        public void publish(Event e) {
            events.add(e);
        }

        @Override
        public void flush() {
        }
    };
    long now = 1_000_000;
    final Clock clock = new Clock() {
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

    List<Event> of(EventType t) {
        return events.stream().filter(e -> e.type() == t).collect(Collectors.toList());
    }

    @Test
    void nothingToLookAheadForStartsNothing() throws Exception {
        AgentConfig c = ConfigLoader.parse("targets: [ { class: com.acme.A, retry: {} } ]", "t.yaml");
        assertNull(LookAhead.startIfConfigured(c, new HealingEngine(c, sink, clock), clock));
    }

    @Test
    void aRisingErrorRateOnTheCountersGivesAWarningAndOpensTheCircuitBeforeTheBreakerWould() throws Exception {
        AgentConfig c = ConfigLoader.parse("""
                targets:
                  - name: inventory
                    class: com.acme.A
                    prediction: { failure-rate: 0.05 }
                    circuit-breaker: { failure-threshold: 50, window: 1000 }
                """, "t.yaml");
        HealingEngine engine = new HealingEngine(c, sink, clock);
        LookAhead la = new LookAhead(c, engine, clock, new EnginePolicyActions(engine));
        TargetStats stats = engine.target("inventory").stats();
        la.predictAll();   // baseline
        for (int failures : new int[] {0, 1, 2, 3, 4, 5, 6}) {
            stats.calls.add(100);
            stats.failures.add(failures);
            now += 1000;
            la.predictAll();
        }
        List<Event> warnings = of(EventType.PREDICTION_WARNING);
        assertEquals(1, warnings.size(), events.toString());
        Event w = warnings.get(0);
        assertEquals("inventory", w.get("target"));
        assertTrue((double) w.get("probability") >= 0.7, w.toString());
        assertEquals("open-circuit", w.get("action"));
        assertEquals("ok", w.get("outcome"), w.toString());
        assertEquals(CircuitState.OPEN, engine.target("inventory").circuitState());
        Event opened = of(EventType.CIRCUIT_OPENED).get(0);
        assertEquals("prediction", opened.get("by"), opened.toString());
        assertTrue(((List<?>) w.get("factors")).get(0).toString().endsWith("and rising"), w.toString());
        assertTrue(la.prediction("inventory").probability() > 0.9);
    }

    @Test
    void aFallbackPreemptionHoldsTheCircuitOpenUntilTheProbabilityFallsBelowWarnAt() throws Exception {
        AgentConfig c = ConfigLoader.parse("""
                targets:
                  - name: inventory
                    class: com.acme.A
                    prediction: { failure-rate: 0.05, action: fallback }
                    circuit-breaker: { failure-threshold: 500, window: 1000, open-for: 10m }
                    fallback: [ { value: cached } ]
                """, "t.yaml");
        HealingEngine engine = new HealingEngine(c, sink, clock);
        LookAhead la = new LookAhead(c, engine, clock, new EnginePolicyActions(engine));
        TargetStats stats = engine.target("inventory").stats();
        la.predictAll();
        for (int failures : new int[] {0, 1, 2, 3, 4, 5, 6}) {
            stats.calls.add(100);
            stats.failures.add(failures);
            now += 1000;
            la.predictAll();
        }
        assertEquals("ok", of(EventType.PREDICTION_WARNING).get(0).get("outcome"));
        assertEquals(CircuitState.OPEN, engine.target("inventory").circuitState());
        for (int i = 0; i < 20 && engine.target("inventory").circuitState() == CircuitState.OPEN; i++) {
            stats.calls.add(100);   // answered by the fallback: nothing fails while the circuit is open
            now += 1000;
            la.predictAll();
        }
        assertEquals(CircuitState.CLOSED, engine.target("inventory").circuitState(),
                "closed long before its 10m open-for: the prediction recovered");
        Event closed = of(EventType.CIRCUIT_CLOSED).get(0);
        assertEquals("prediction", closed.get("by"), closed.toString());
        assertTrue(la.prediction("inventory").probability() < 0.5);
    }

    @Test
    void thePredictionIsOnTheTargetMBeanAndHealthIsAMetric() throws Exception {
        AgentConfig c = ConfigLoader.parse("""
                targets:
                  - name: inventory
                    class: com.acme.A
                    prediction: { failure-rate: 0.05, action: none }
                  - name: plain
                    class: com.acme.B
                """, "t.yaml");
        HealingEngine engine = new HealingEngine(c, sink, clock);
        LookAhead la = new LookAhead(c, engine, clock, new EnginePolicyActions(engine));
        io.selfheal.runtime.health.HealthMonitor health = new io.selfheal.runtime.health.HealthMonitor(engine,
                io.selfheal.runtime.config.HealthConfig.DEFAULT);
        la.health(health);
        LookAhead.running(engine, la);
        io.selfheal.runtime.jmx.TargetBean bean = new io.selfheal.runtime.jmx.TargetBean("inventory", engine, health);
        assertEquals(0.0, bean.getFailureProbability(), "nothing observed yet");
        TargetStats stats = engine.target("inventory").stats();
        health.sample();
        la.predictAll();
        for (int failures : new int[] {0, 4, 8, 12, 16, 20}) {
            stats.calls.add(100);
            stats.failures.add(failures);
            now += 1000;
            la.predictAll();
        }
        health.sample();
        assertTrue(bean.getFailureProbability() > 0.9, String.valueOf(bean.getFailureProbability()));
        assertTrue(bean.getPredictionConfidence() > 0.9);
        assertTrue(bean.getPredictionFactors()[0].endsWith("and rising"), List.of(bean.getPredictionFactors()).toString());
        io.selfheal.runtime.jmx.TargetBean plain = new io.selfheal.runtime.jmx.TargetBean("plain", engine, health);
        assertEquals(-1.0, plain.getFailureProbability(), "a target that does not predict");
        assertEquals(0, plain.getPredictionFactors().length);
        assertEquals(1.0, la.value("plain", Metric.HEALTH));
        assertTrue(la.value("inventory", Metric.HEALTH) < 1.0, "60 failures in 600 runs is not healthy");
    }

    @Test
    void policiesReadTheEngineCountersAndInvokeARealStaticMethod() throws Exception {
        AgentConfig c = ConfigLoader.parse("""
                targets:
                  - name: inventory
                    class: com.acme.A
                policies:
                  rules:
                    - name: restart
                      when: [ "error-rate > 20%", "calls-per-second >= 10" ]
                      then: [ "invoke io.selfheal.runtime.engine.LookAheadTest#restart", open-circuit ]
                """, "t.yaml");
        HealingEngine engine = new HealingEngine(c, sink, clock);
        LookAhead la = new LookAhead(c, engine, clock, new EnginePolicyActions(engine));
        TargetStats stats = engine.target("inventory").stats();
        la.evaluatePolicies();   // baseline
        stats.calls.add(20);
        stats.failures.add(10);
        now += 2000;
        restarted.clear();
        la.evaluatePolicies();
        assertEquals(0.5, la.value("inventory", Metric.ERROR_RATE));
        assertEquals(10.0, la.value("inventory", Metric.CALLS_PER_SECOND));
        assertTrue(Double.isNaN(la.value("inventory", Metric.LATENCY_P99)));
        assertEquals(List.of("inventory"), restarted, "invoke ran the static method with the target's name");
        Event fired = of(EventType.POLICY_FIRED).get(0);
        assertEquals("failed", fired.get("outcome"), "open-circuit needs a circuit breaker: " + fired);
        Event alert = of(EventType.ALERT).get(0);
        assertEquals(List.of("restart: invoke io.selfheal.runtime.engine.LookAheadTest#restart ok",
                "restart: open-circuit failed: target 'inventory' has no circuit-breaker"), alert.get("tried"));
    }

    static final List<String> restarted = new ArrayList<>();

    public static void restart(String target) {
        restarted.add(target);
    }

    @Test
    void stateIsLoadedAtStartAndWrittenAtStop() throws Exception {
        Path stateDir = dir.resolve("state");
        Files.createDirectories(stateDir);
        Files.writeString(stateDir.resolve("state.json"), "not json at all");
        AgentConfig c = ConfigLoader.parse("state-dir: " + stateDir + "\ntargets: [ { class: com.acme.A } ]", "t.yaml");
        HealingEngine engine = new HealingEngine(c, sink, clock);
        LookAhead la = LookAhead.startIfConfigured(c, engine, clock);
        la.stop();
        Event warning = of(EventType.STATE_WARNING).get(0);
        assertTrue(((String) warning.get("message")).contains("set aside as state.json.corrupt-"), warning.toString());
        assertEquals(1, of(EventType.STATE_LOADED).size());
        assertTrue(Files.readString(stateDir.resolve("state.json")).contains("\"savedAtMillis\" : " + now));
    }

    @Test
    void whatAnAdaptiveTargetLearnedSurvivesARestart() throws Exception {
        Path stateDir = dir.resolve("state");
        AgentConfig c = ConfigLoader.parse("state-dir: " + stateDir + """

                targets:
                  - { name: inventory, class: com.acme.A, strategy: adaptive, candidates: [ retry, fallback ], exploration: 0 }
                """, "t.yaml");
        LookAhead first = new LookAhead(c, new HealingEngine(c, sink, clock), clock, null);
        first.start();
        java.io.IOException e = new java.io.IOException("down");
        first.adaptive().record("inventory", e, "retry", false, 0);
        first.adaptive().record("inventory", e, "fallback", true, 2);
        first.stop();

        LookAhead second = new LookAhead(c, new HealingEngine(c, sink, clock), clock, null);
        second.start();
        second.stop();
        io.selfheal.runtime.adaptive.AdaptiveSelector.Choice choice = second.adaptive().choose("inventory", e);
        assertEquals("fallback", choice.candidate());
        assertTrue(choice.reason().startsWith("best against java.io.IOException: fallback healed 1/1"), choice.reason());
    }
}
