package io.selfheal.runtime.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.HealthConfig;
import io.selfheal.runtime.engine.CircuitState;
import io.selfheal.runtime.time.Clock;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.health.HealthMonitor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The operator's circuit reset through the Target MXBean is logged exactly once, by the runtime (the breaker). */
class TargetBeanTest {
    private final List<Event> events = new CopyOnWriteArrayList<>();

    private HealingEngine engine() throws Exception {
        return new HealingEngine(ConfigLoader.parse("""
                targets:
                  - name: dep
                    class: io.selfheal.test.Subject
                    circuit-breaker: { failure-threshold: 2, open-for: 5m }
                """, "t.yaml"), events::add, Clock.SYSTEM);
    }

    @Test
    void resettingATargetWithoutACircuitBreakerChangesNothingAndLogsNothing() throws Exception {
        HealingEngine engine = new HealingEngine(ConfigLoader.parse("""
                targets:
                  - name: plain
                    class: io.selfheal.test.Subject
                """, "t.yaml"), events::add, Clock.SYSTEM);
        new TargetBean("plain", engine, new HealthMonitor(engine, HealthConfig.DEFAULT)).resetCircuit();
        assertEquals(List.of(), closed());
    }

    private List<Event> closed() {
        return events.stream().filter(e -> e.type() == EventType.CIRCUIT_CLOSED).toList();
    }

    @Test
    void resettingAnOpenCircuitLogsOneCircuitClosedByTheOperator() throws Exception {
        HealingEngine engine = engine();
        engine.target("dep").openCircuit();
        TargetBean bean = new TargetBean("dep", engine, new HealthMonitor(engine, HealthConfig.DEFAULT));
        bean.resetCircuit();
        assertEquals("CLOSED", bean.getCircuitState());
        List<Event> closed = closed();
        assertEquals(1, closed.size(), events.toString());
        assertEquals("operator", closed.get(0).get("by"));
        assertEquals("open", closed.get(0).get("from"));
    }

    @Test
    void resettingAClosedCircuitIsStillOneLoggedOperatorAction() throws Exception {
        HealingEngine engine = engine();
        TargetBean bean = new TargetBean("dep", engine, new HealthMonitor(engine, HealthConfig.DEFAULT));
        bean.resetCircuit();
        assertEquals(CircuitState.CLOSED, engine.target("dep").circuitState());
        List<Event> closed = closed();
        assertEquals(1, closed.size(), events.toString());
        assertEquals("operator", closed.get(0).get("by"));
        assertEquals("closed", closed.get(0).get("from"));
    }
}
