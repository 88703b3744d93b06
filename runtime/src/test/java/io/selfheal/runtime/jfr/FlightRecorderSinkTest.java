package io.selfheal.runtime.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.ManualClock;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.health.HealthMonitor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlightRecorderSinkTest {
    @TempDir
    Path dir;

    private static HealingEngine engine() throws Exception {
        AgentConfig config = ConfigLoader.parse("targets:\n  - { name: svc, class: com.acme.Svc }\n", "t.yaml");
        return new HealingEngine(config, e -> { }, new ManualClock());
    }

    private static boolean has(Path file, String name) throws java.io.IOException {
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Event at(EventType type) {
        return Event.of(type, 1000).target("svc").method("com.acme.Svc", "load");
    }

    @Test
    void aClosedGateRecordsNothingAndAnOpenOneStaysOpen() throws Exception {
        HealingEngine engine = engine();
        FlightRecorderGate noJfr = new FlightRecorderGate(false);
        assertFalse(noJfr.open(), "a runtime without jdk.jfr never opens");
        FlightRecorderSink sink = new FlightRecorderSink(engine, new HealthMonitor(engine, io.selfheal.runtime.config.HealthConfig.DEFAULT), noJfr);
        sink.publish(at(EventType.RETRY).exception(new java.io.IOException("x")));
        sink.poll();
        assertEquals(0, engine.faults().count());
        assertTrue(FlightRecorderGate.mentionsRecording(List.of("-Xmx1g", "-XX:StartFlightRecording:filename=a.jfr")));
        assertFalse(FlightRecorderGate.mentionsRecording(List.of("-Xmx1g", "-XX:FlightRecorderOptions=stackdepth=96")));
    }

    /** Each healing-log type with a flight-recorder event comes out as that event, its fields filled. */
    @Test
    void everyHealingDecisionBecomesItsEventWithItsFields() throws Exception {
        HealingEngine engine = engine();
        HealthMonitor health = new HealthMonitor(engine, io.selfheal.runtime.config.HealthConfig.DEFAULT);
        Path file = dir.resolve("rec.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("selfheal.TargetStats").withPeriod(Duration.ofMillis(20));
            recording.start();
            FlightRecorderSink sink = new FlightRecorderSink(engine, health);
            sink.publish(at(EventType.RETRY).exception(new java.io.IOException("down")).attempt(2).with("delayMs", 40L)
                    .with("maxAttempts", 3));
            sink.publish(at(EventType.FALLBACK).with("fallback", "value: cached").with("exception", "java.io.IOException"));
            sink.publish(at(EventType.HEALED).strategy("retry").attempt(2).durationMs(41));
            sink.publish(at(EventType.HEALING_FAILED).exception(new IllegalStateException()).durationMs(7).with("count", 3L));
            sink.publish(Event.of(EventType.CIRCUIT_OPENED).target("svc").with("from", "closed").with("reason", "5 of 10")
                    .with("by", "operator"));
            sink.publish(at(EventType.SHORT_CIRCUITED).with("reason", "circuit-open").with("answer", "fallback").with("count", 12L));
            sink.publish(Event.of(EventType.ISOLATED).target("svc").with("reason", "2 in a row").with("by", "policy")
                    .with("forMs", 60000L));
            sink.publish(at(EventType.STATE_RESTORED).exception(new ArithmeticException()).with("fields", List.of("balance", "log")));
            sink.publish(Event.of(EventType.PATCH_APPLIED).with("id", "fix-1").with("classes", List.of("a.B")).with("via", "cli"));
            sink.publish(Event.of(EventType.AGENT_FAULT).with("where", "jmx").exception(new NullPointerException("n")));
            sink.publish(Event.of(EventType.DRILL_ENDED).target("svc").with("fault", "throw java.io.IOException")
                    .with("rate", 0.5).with("touched", 10L).with("healed", 9L).with("unhealed", 1L).with("ended", "time"));
            sink.publish(at(EventType.ERROR_DETECTED));   // not a decision: no event
            // TargetStats comes from JFR's own periodic thread, in its own time: dump until it is there.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            do {
                Thread.sleep(100);
                recording.dump(file);
            } while (!has(file, "selfheal.TargetStats") && System.nanoTime() < deadline);
            recording.stop();
            recording.dump(file);
        }
        Map<String, RecordedEvent> byName = new HashMap<>();
        int stats = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String name = e.getEventType().getName();
            if (name.startsWith("selfheal.")) {
                assertEquals(List.of("selfheal"), e.getEventType().getCategoryNames(), name);
                byName.put(name, e);
                stats += name.equals("selfheal.TargetStats") ? 1 : 0;
            }
        }
        assertEquals(java.util.Set.of("selfheal.Retry", "selfheal.Fallback", "selfheal.Healed", "selfheal.HealingFailed",
                "selfheal.CircuitTransition", "selfheal.ShortCircuit", "selfheal.Isolation", "selfheal.StateRestored",
                "selfheal.Patch", "selfheal.AgentFault", "selfheal.Drill", "selfheal.TargetStats"), byName.keySet());
        RecordedEvent drill = byName.get("selfheal.Drill");
        assertEquals("ended", drill.getString("action"));
        assertEquals(10, drill.getLong("touched"));
        assertEquals(1, drill.getLong("unhealed"));
        assertEquals("time", drill.getString("ended"));
        RecordedEvent retry = byName.get("selfheal.Retry");
        assertEquals("svc", retry.getString("target"));
        assertEquals("com.acme.Svc#load", retry.getString("method"));
        assertEquals("java.io.IOException", retry.getString("exception"));
        assertEquals(2, retry.getInt("attempt"));
        assertEquals(Duration.ofMillis(40), retry.getDuration("delay"));
        assertEquals(3, retry.getInt("maxAttempts"));
        assertEquals("Retry", retry.getEventType().getLabel());
        assertEquals("value: cached", byName.get("selfheal.Fallback").getString("fallback"));
        assertEquals("java.io.IOException", byName.get("selfheal.Fallback").getString("exception"));
        assertEquals(Duration.ofMillis(41), byName.get("selfheal.Healed").getDuration("healingDuration"));
        assertEquals(3, byName.get("selfheal.HealingFailed").getLong("count"));
        RecordedEvent circuit = byName.get("selfheal.CircuitTransition");
        assertEquals("closed", circuit.getString("from"));
        assertEquals("open", circuit.getString("to"));
        assertEquals("operator", circuit.getString("by"));
        assertNull(circuit.getString("method"));
        assertEquals(12, byName.get("selfheal.ShortCircuit").getLong("count"));
        RecordedEvent isolation = byName.get("selfheal.Isolation");
        assertTrue(isolation.getBoolean("isolated"));
        assertEquals("policy", isolation.getString("by"));
        assertEquals(Duration.ofMinutes(1), isolation.getDuration("isolatedFor"));
        assertEquals("balance,log", byName.get("selfheal.StateRestored").getString("fields"));
        assertEquals("snapshot", byName.get("selfheal.StateRestored").getString("source"));
        assertEquals("applied", byName.get("selfheal.Patch").getString("action"));
        assertEquals("fix-1", byName.get("selfheal.Patch").getString("id"));
        assertEquals("jmx", byName.get("selfheal.AgentFault").getString("where"));
        assertEquals("java.lang.NullPointerException", byName.get("selfheal.AgentFault").getString("exception"));
        RecordedEvent targetStats = byName.get("selfheal.TargetStats");
        assertEquals("svc", targetStats.getString("target"));
        assertEquals("closed", targetStats.getString("circuit"));
        assertEquals("HEALTHY", targetStats.getString("health"));
        assertTrue(stats >= 1, "periodic: " + stats);
        assertEquals(0, engine.faults().count());
    }
}
