package io.selfheal.runtime.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.rules.JvmMemory;
import io.selfheal.runtime.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 25, in this JVM: the GC notifications feed heap-after-gc, a policy's reclaim and an
 * OutOfMemoryError's relief run the reclaimers on the memory thread, and a reclaimer that does not
 * fit is reported with its line and column when its class is seen loading.
 */
class MemoryHealingTest {
    static volatile int trims;

    public static void trim() {
        trims++;
    }

    public int notStatic() {
        return 0;
    }

    @Test
    void policyAndOutOfMemoryRunsWithEventsAndProblems() throws Exception {
        String me = MemoryHealingTest.class.getName();
        AgentConfig config = ConfigLoader.parse("memory:\n"
                + "  reclaimers:\n"
                + "    - { name: trim, invoke: " + me + "#trim }\n"
                + "    - { name: bad, invoke: " + me + "#notStatic }\n"
                + "  when: \"heap-after-gc > 0.99\"\n"
                + "  cooldown: 1h\n", "m.yaml");
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        MemoryHealing m = MemoryHealing.startIfConfigured(config, events::add,
                (where, fault) -> events.add(Event.of(EventType.AGENT_FAULT).with("where", where)), Clock.SYSTEM);
        try {
            assertSame(m, JvmMemory.installed());
            assertTrue(m.watches(me.replace('.', '/')));
            assertFalse(m.watches("java/lang/String"));
            m.alreadyLoaded(new Class<?>[] {MemoryHealingTest.class});
            Event problem = next(events, EventType.CONFIG_PROBLEM);
            assertEquals("memory.reclaimers[1].invoke", problem.get("key"));
            assertEquals(4, problem.get("line"));
            assertEquals(28, problem.get("column"));

            int before = trims;
            m.reclaim("trim", "policy:inventory");
            Event policy = next(events, EventType.MEMORY_RECLAIMED);
            assertEquals("policy", policy.get("trigger"));
            assertEquals("policy:inventory", policy.get("by"));
            assertEquals(before + 1, trims);
            assertEquals(true, policy.get("collected"), "collect-after asks for a collection: " + policy.toJson());
            assertTrue(m.heapAfterGc() > 0 && m.heapAfterGc() < 1, "heap-after-gc " + m.heapAfterGc());
            assertTrue(m.heapAfterGcBytes() > 0);
            assertTrue(m.collections() > 0);

            m.reclaim(null, "policy:inventory");   // within the cooldown: nothing runs, and the event says so
            Event cooling = next(events, EventType.MEMORY_RECLAIMED);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> outcomes = (List<Map<String, Object>>) cooling.get("reclaimers");
            assertEquals("cooldown", outcomes.get(0).get("outcome"));
            assertEquals("invalid", outcomes.get(1).get("outcome"));
            assertEquals(before + 1, trims);
            assertThrows(IllegalArgumentException.class, () -> m.reclaim("nope", "policy:x"));

            assertTrue(m.relieveOutOfMemory(), "the failing thread saw a collection after the reclaimers");
            assertEquals(before + 2, trims, "an OutOfMemoryError runs them whatever the cooldown");
            Event oom = next(events, EventType.MEMORY_RECLAIMED);
            assertEquals("out-of-memory", oom.get("trigger"));
            assertTrue(((Number) oom.get("heapBeforeBytes")).longValue() > 0, oom.toJson());
            assertEquals(2L, m.reclaims());
            assertEquals(0L, m.droppedEvents());
            for (Event e : events) {
                assertTrue(e.type() != EventType.AGENT_FAULT, e.toJson());
            }
        } finally {
            m.stop();
        }
        assertNull(JvmMemory.installed());
    }

    @Test
    void withoutMemoryNothingStarts() throws Exception {
        assertNull(MemoryHealing.startIfConfigured(ConfigLoader.parse("targets: []\n", "m.yaml"), e -> { },
                (where, fault) -> { }, Clock.SYSTEM));
        assertNull(JvmMemory.installed());
    }

    private static Event next(BlockingQueue<Event> events, EventType type) throws InterruptedException {
        for (Event e = events.poll(20, TimeUnit.SECONDS); e != null; e = events.poll(20, TimeUnit.SECONDS)) {
            if (e.type() == type) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " event within 20 s");
    }
}
