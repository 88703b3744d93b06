package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import io.selfheal.it.support.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 25: memory that corrects itself, on a 64 MB heap. One JVM with the agent grows a cache
 * past 85% of the heap (its reclaimer keeps it alive, at most once a second), then heals an
 * OutOfMemoryError by reclaim and retry; the same growth without the agent ends in an
 * OutOfMemoryError; and a config without {@code memory:} loads none of it.
 */
class MemoryTest {
    private static final String APP = "io.selfheal.it.apps.memory.MemoryApp";

    @TempDir
    Path dir;

    private Path config(String yaml) throws IOException {
        Path file = dir.resolve("selfheal.yaml");
        Files.writeString(file, "events:\n  file: " + dir.resolve("events.jsonl") + "\n" + yaml);
        return file;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aGrowingCacheIsReclaimedBeforeTheHeapRunsOutAndAnOutOfMemoryErrorHealsByReclaimAndRetry(Path jdk)
            throws IOException {
        Path cfg = config("""
                memory:
                  reclaimers:
                    - name: boom
                      invoke: io.selfheal.it.apps.memory.Boom#explode
                    - name: price-cache
                      invoke: io.selfheal.it.apps.memory.PriceCache#trim
                    - name: sessions
                      clear: io.selfheal.it.apps.memory.Sessions#CACHE
                    - name: not-static
                      invoke: io.selfheal.it.apps.memory.PriceCache#size
                  when: "heap-after-gc > 0.85"
                  cooldown: 1s
                http: { port: 0 }
                targets:
                  - name: reports
                    class: io.selfheal.it.apps.memory.Reports
                    methods: [ build ]
                    retry: { max-attempts: 2, on: [ java.lang.OutOfMemoryError ] }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).jvmArg("-Xmx64m", "-XX:+UseG1GC", "-verbose:class").agent(cfg)
                .main(APP, "grow", "1000", "oom").run();
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("ok", r.result("end"), r.describe());
        assertFalse(r.stderr().contains("OutOfMemoryError"), r.describe());
        assertTrue(r.stdout().contains("io.selfheal.runtime.memory.MemoryHealing"), "the positive control of"
                + " nothingOfMemoryLoadsWithoutAMemoryBlock: with memory: its classes load");
        Events events = Events.read(dir.resolve("events.jsonl"));

        // the pressure: 1000 entries of 200 KB on a 64 MB heap, kept alive by its reclaimer
        int trims = Integer.parseInt(r.result("trims"));
        assertTrue(trims >= 2, r.describe());
        double pressure = Double.parseDouble(r.result("pressure"));
        assertTrue(pressure > 0.85 && pressure <= 1.0, "the reclaimer is told the pressure: " + pressure);
        List<JsonNode> byPressure = new ArrayList<>();
        for (JsonNode e : events.ofType("memory-reclaimed")) {
            if (e.path("trigger").asText().equals("pressure")) {
                byPressure.add(e);
            }
        }
        assertTrue(byPressure.size() >= 2, events.toString());
        JsonNode first = byPressure.get(0);
        assertTrue(first.path("freedBytes").asLong() > 10_000_000, "bytes freed: " + first);
        assertTrue(first.path("heapAfterGcBefore").asDouble() > 0.85, first.toString());
        assertEquals(first.path("heapBeforeBytes").asLong() - first.path("heapAfterBytes").asLong(),
                first.path("freedBytes").asLong(), first.toString());
        assertEquals("price-cache", first.path("reclaimers").get(1).path("name").asText());
        assertEquals("ok", first.path("reclaimers").get(1).path("outcome").asText());
        // the cooldown: never twice within a second
        String[] times = r.result("trimTimes").replaceAll("[\\[\\] ]", "").split(",");
        for (int i = 1; i < times.length - 1; i++) {   // the last trim may be the OutOfMemoryError's, which ignores it
            long gap = Long.parseLong(times[i]) - Long.parseLong(times[i - 1]);
            assertTrue(gap >= 950, "two pressure runs " + gap + " ms apart with cooldown: 1s: " + r.result("trimTimes"));
        }

        // the OutOfMemoryError: reclaimed (the throwing reclaimer logged, the others run), then retried
        assertEquals(String.valueOf(44 * 1024 * 1024), r.result("report"), r.describe());
        assertEquals("2", r.result("reportRuns"));
        assertEquals("0", r.result("sessionsLeft"), "the clear: reclaimer emptied the list");
        assertTrue(Integer.parseInt(r.result("trimsForOom")) >= 1, r.describe());
        JsonNode detected = events.ofType("error-detected").get(0);
        assertEquals("java.lang.OutOfMemoryError", detected.path("exception").asText());
        assertEquals("resource", detected.path("category").asText());
        assertEquals("critical", detected.path("severity").asText());
        JsonNode oom = null;
        for (JsonNode e : events.ofType("memory-reclaimed")) {
            if (e.path("trigger").asText().equals("out-of-memory")) {
                oom = e;
            }
        }
        assertTrue(oom != null, events.toString());
        assertEquals("failed", oom.path("reclaimers").get(0).path("outcome").asText(), oom.toString());
        assertTrue(oom.path("reclaimers").get(0).path("error").asText().contains("reclaimer boom"), oom.toString());
        assertEquals("ok", oom.path("reclaimers").get(1).path("outcome").asText(), oom.toString());
        assertEquals("ok", oom.path("reclaimers").get(2).path("outcome").asText(), oom.toString());
        assertTrue(oom.path("collected").asBoolean(), oom.toString());
        assertTrue(r.stderr().contains("[selfheal] reclaimer 'boom' threw java.lang.IllegalStateException: reclaimer"
                + " boom; the others still ran"), r.describe());
        assertEquals(1, events.ofType("healed").size(), events.toString());
        assertEquals("reports", events.ofType("healed").get(0).path("target").asText());

        // a reclaimer that does not fit is a config problem at its line and column, found when its class loaded
        JsonNode problem = events.ofType("config-problem").get(0);
        assertEquals("memory.reclaimers[3].invoke", problem.path("key").asText());
        assertEquals(12, problem.path("line").asInt(), problem.toString());
        assertEquals(15, problem.path("column").asInt(), problem.toString());
        assertTrue(problem.path("message").asText().contains("must be static"), problem.toString());
        assertEquals("invalid", oom.path("reclaimers").get(3).path("outcome").asText());

        // JMX and /metrics show the metrics; an operator's reclaim runs on the agent's thread
        assertEquals("true", r.result("jmxMemoryWatched"), r.describe());
        double jmxHeap = Double.parseDouble(r.result("jmxHeapAfterGc"));
        assertTrue(jmxHeap > 0 && jmxHeap < 1, r.describe());
        double jmxGcTime = Double.parseDouble(r.result("jmxGcTime"));
        assertTrue(jmxGcTime >= 0 && jmxGcTime <= 1, r.describe());
        assertTrue(Long.parseLong(r.result("jmxMemoryReclaims")) >= 3, r.describe());
        assertEquals("reclaim requested: sessions", r.result("jmxReclaim"), r.describe());
        List<String> metrics = new ArrayList<>();
        for (String line : r.stdout().split("\\R")) {
            if (line.startsWith("RESULT metric ")) {
                metrics.add(line.substring("RESULT metric ".length()).replaceAll(" .*", ""));
            }
        }
        assertEquals(List.of("selfheal_heap_after_gc_ratio", "selfheal_gc_time_ratio", "selfheal_memory_reclaims_total"),
                metrics, r.describe());
        Events afterAll = Events.read(dir.resolve("events.jsonl"));
        JsonNode byOperator = afterAll.ofType("memory-reclaimed").get(afterAll.ofType("memory-reclaimed").size() - 1);
        assertEquals("operator", byOperator.path("trigger").asText(), byOperator.toString());
        assertEquals("sessions", byOperator.path("reclaimers").get(0).path("name").asText(), byOperator.toString());
        assertEquals(1, byOperator.path("reclaimers").size(), byOperator.toString());

        // without the agent, the same growth runs out of heap
        ChildJvm.Result bare = ChildJvm.on(jdk).jvmArg("-Xmx64m", "-XX:+UseG1GC").main(APP, "grow", "1000").run();
        assertNotEquals(0, bare.exitCode(), bare.describe());
        assertTrue(bare.stderr().contains("java.lang.OutOfMemoryError"), bare.describe());
        assertNull(bare.result("grown"), bare.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void badReclaimerEntriesAreConfigErrorsWithLineAndColumn(Path jdk) throws IOException {
        Path cfg = config("""
                memory:
                  reclaimers:
                    - name: both
                      invoke: io.selfheal.it.apps.memory.PriceCache#trim
                      clear: io.selfheal.it.apps.memory.Sessions#CACHE
                    - name: no-member
                      invoke: io.selfheal.it.apps.memory.PriceCache
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "quick").run();
        assertTrue(r.stderr().contains(cfg + ":5:7: memory.reclaimers[0]: a reclaimer has exactly one of: invoke"),
                r.describe());
        assertTrue(r.stderr().contains(cfg + ":9:15: memory.reclaimers[1].invoke: 'io.selfheal.it.apps.memory.PriceCache'"
                + " is not Class#method"), r.describe());
        assertTrue(r.stderr().contains("the agent is disabled"), r.describe());
        assertEquals("1024", r.result("report"), "the application runs unwoven");
    }

    /** Parallel on JDK 17, Serial on JDK 25: the same notifications, the same relief. */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void parallelAndSerialCollectorsFeedTheSameMetric(Path jdk) throws IOException {
        Path cfg = config("""
                memory:
                  reclaimers:
                    - { name: price-cache, invoke: io.selfheal.it.apps.memory.PriceCache#trim }
                  when: "heap-after-gc > 0.85"
                  cooldown: 1s
                """);
        String collector = Jdks.label(jdk).startsWith("17") ? "-XX:+UseParallelGC" : "-XX:+UseSerialGC";
        ChildJvm.Result r = ChildJvm.on(jdk).jvmArg("-Xmx64m", collector).agent(cfg).main(APP, "grow", "600").run();
        assertEquals(0, r.exitCode(), collector + "\n" + r.describe());
        assertEquals("ok", r.result("grown"), r.describe());
        assertTrue(Integer.parseInt(r.result("trims")) >= 1, r.describe());
        JsonNode first = Events.read(dir.resolve("events.jsonl")).ofType("memory-reclaimed").get(0);
        assertEquals("pressure", first.path("trigger").asText());
        assertTrue(first.path("freedBytes").asLong() > 10_000_000, collector + ": " + first);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void nothingOfMemoryLoadsWithoutAMemoryBlock(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - name: reports
                    class: io.selfheal.it.apps.memory.Reports
                    methods: [ build ]
                    retry: { max-attempts: 2 }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).jvmArg("-verbose:class").agent(cfg).main(APP, "quick").run();
        assertEquals("1024", r.result("report"), r.describe());
        assertTrue(r.stdout().contains("io.selfheal.runtime.engine.HealingEngine"), "the check reads -verbose:class");
        assertFalse(r.stdout().contains("io.selfheal.runtime.memory."), "memory classes loaded without memory:");
        assertFalse(r.stdout().contains("GarbageCollectionNotificationInfo"), "GC notifications read without memory:");
        assertFalse(r.stdout().contains("io.selfheal.runtime.rules.JvmMemory"), "JvmMemory loaded without memory:");
    }
}
