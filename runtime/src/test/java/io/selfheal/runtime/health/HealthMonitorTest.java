package io.selfheal.runtime.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.ManualClock;
import io.selfheal.runtime.engine.TargetRuntime;
import io.selfheal.runtime.events.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {
    private final ManualClock clock = new ManualClock();
    private final List<Event> events = new ArrayList<>();
    private HealingEngine engine;
    private HealthMonitor monitor;
    private TargetRuntime svc;

    @BeforeEach
    void setUp() throws Exception {
        AgentConfig config = ConfigLoader.parse("""
                health: { window: 10s, thresholds: { degraded: 0.05, unhealthy: 0.2, critical: 0.5 } }
                targets:
                  - { name: svc, class: com.acme.Svc, circuit-breaker: { failure-threshold: 1000, window: 1000 } }
                  - { name: quiet, class: com.acme.Quiet }
                """, "test.yaml");
        engine = new HealingEngine(config, events::add, clock);
        monitor = new HealthMonitor(engine, config.health());
        svc = engine.target("svc");
    }

    private void calls(long ok, long failed) {
        svc.stats().calls.add(ok + failed);
        svc.stats().failures.add(failed);
    }

    @Test
    void errorRateBandsGiveTheFourHealths() {
        calls(96, 4);
        assertEquals(Health.HEALTHY, monitor.health(svc).health(), "4% is healthy");
        calls(0, 1);
        assertEquals(Health.HEALTHY, monitor.health(svc).health(), "5/101 is still below 5%");
        calls(0, 1);
        assertEquals(Health.DEGRADED, monitor.health(svc).health(), "6/102");
        calls(0, 20);
        assertEquals(Health.UNHEALTHY, monitor.health(svc).health(), "26/122");
        calls(0, 100);
        assertEquals(Health.CRITICAL, monitor.health(svc).health(), "126/222 > 50%");
        assertEquals(Health.CRITICAL, monitor.agentHealth(), "the agent is as bad as its worst target");
        assertEquals(Health.HEALTHY, monitor.health(engine.target("quiet")).health(), "no calls, no errors");
    }

    @Test
    void anOpenCircuitIsCriticalWhateverTheRate() {
        calls(100, 0);
        svc.openCircuit();
        assertEquals(Health.CRITICAL, monitor.health(svc).health());
        svc.resetCircuit();
        assertEquals(Health.HEALTHY, monitor.health(svc).health());
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        monitor.sample();
        calls(0, 10);
        monitor.sample();
        assertEquals(Health.CRITICAL, monitor.health(svc).health());
        for (int i = 0; i < 11; i++) {
            clock.advanceMillis(1000);
            calls(10, 0);
            monitor.sample();
        }
        TargetHealth h = monitor.health(svc);
        assertEquals(Health.HEALTHY, h.health(), h.toString());
        assertEquals(0, h.failures(), "the 10 failures are more than 10s old");
    }

    @Test
    void aChangeOfHealthIsOneEventAndNoChangeIsNone() {
        monitor.sample();
        assertEquals(0, events.size(), "healthy from the start: nothing to say");
        calls(1, 3);
        monitor.sample();
        monitor.sample();
        List<Event> changes = events.stream().filter(e -> e.type().wireName().equals("health-changed")).toList();
        assertEquals(2, changes.size(), changes.toString());
        assertEquals("svc", changes.get(0).get("target"));
        assertEquals("HEALTHY", changes.get(0).get("from"));
        assertEquals("CRITICAL", changes.get(0).get("to"));
        assertEquals(0.75, changes.get(0).get("errorRate"));
        assertEquals("agent", changes.get(1).get("scope"));
    }

    @Test
    void retriesAreRunsAndShortCircuitsAreNot() {
        svc.stats().calls.add(10);
        svc.stats().retries.add(10);
        svc.stats().failures.add(10);
        svc.stats().shortCircuits.add(5);
        TargetHealth h = monitor.health(svc);
        assertEquals(15, h.runs());
        assertEquals(10.0 / 15, h.errorRate(), 1e-9);
    }
}
