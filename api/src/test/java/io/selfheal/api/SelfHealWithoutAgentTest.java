package io.selfheal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** No agent in this JVM (the gateway is on no class path here): every block runs once, as it is. */
class SelfHealWithoutAgentTest {

    @Test
    void blocksRunOnceAsTheyAreAndTheirExceptionsPassUnchanged() throws IOException {
        assertFalse(SelfHeal.isActive());
        assertFalse(SelfHeal.isActive("quotes"));
        AtomicInteger runs = new AtomicInteger();
        assertEquals("ran", SelfHeal.call("quotes", () -> {
            runs.incrementAndGet();
            return "ran";
        }));
        IOException mine = new IOException("mine");
        IOException thrown = assertThrows(IOException.class, () -> SelfHeal.call("quotes", () -> {
            runs.incrementAndGet();
            throw mine;
        }));
        assertSame(mine, thrown);
        SelfHeal.run("quotes", runs::incrementAndGet);
        assertEquals(3, runs.get());
    }

    @Test
    void eventsAndFiguresSayThereIsNothing() {
        try (SelfHeal.Subscription s = SelfHeal.onEvent("quotes", List.of("retry"), e -> {
            throw new AssertionError("nothing is heard without an agent");
        })) {
            assertSame(SelfHeal.Subscription.NONE, s);
        }
        assertEquals(0, SelfHeal.droppedEvents());
        TargetStats stats = SelfHeal.stats("quotes");
        assertFalse(stats.configured());
        assertEquals("quotes", stats.name());
        assertEquals(0, stats.calls());
        assertEquals(Map.of(), stats.figures());
        assertThrows(NullPointerException.class, () -> SelfHeal.onEvent(null));
    }

    @Test
    void anEventIsMadeFromTheLogsFields() {
        HealingEvent e = HealingEvent.of(Map.of("ts", "2026-12-08T01:00:00Z", "type", "retry", "target", "quotes",
                "class", "io.selfheal.api.SelfHeal", "method", "call", "exception", "java.io.IOException",
                "attempt", 2L, "strategy", "retry", "message", "down"));
        assertEquals("retry", e.type());
        assertEquals("quotes", e.target());
        assertEquals("call", e.method());
        assertEquals("java.io.IOException", e.exception());
        assertEquals(2, e.attempt());
        assertEquals("io.selfheal.api.SelfHeal", e.className());
        assertEquals("2026-12-08T01:00:00Z", e.timestamp());
        assertEquals("retry", e.strategy());
        assertEquals("down", e.message());
        assertEquals(0, HealingEvent.of(Map.of("type", "agent-started")).attempt());
    }

    @Test
    void figuresAreReadFromTheMBeansAttributes() {
        TargetStats s = TargetStats.of("quotes", Map.of("Calls", 5L, "Retries", 2L, "CircuitState", "OPEN",
                "FailuresInWindow", 3, "Isolated", true, "ErrorRate", 0.25, "LatencyP50Millis", -1.0));
        assertEquals(5, s.calls());
        assertEquals(2, s.retries());
        assertEquals("OPEN", s.circuitState());
        assertEquals(3, s.failuresInWindow());
        assertEquals(true, s.isolated());
        assertEquals(0.25, s.errorRate());
        assertEquals(-1.0, s.latencyP50Millis());
        assertEquals(-1.0, s.failureProbability(), "absent: as the MBean says 'not predicted'");
    }
}
