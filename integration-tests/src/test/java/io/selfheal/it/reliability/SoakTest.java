package io.selfheal.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, point 7: 8 threads call woven methods that fail at random for one minute (ten with
 * {@code -Dselfheal.soak.seconds=600}, see RELIABILITY.md). The agent's counters must equal the
 * application's own exactly, the heap after GC must not grow, no thread may be left behind.
 */
class SoakTest {
    private static final long SECONDS = Long.getLong("selfheal.soak.seconds", 60);
    /** Allowed heap growth between a quarter of the run and its end, after GC. */
    private static final long HEAP_SLACK = 8L << 20;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void eightThreadsOfRandomFailuresKeepCountsExactHeapFlatAndNoThreadLeaks(Path jdk) throws IOException {
        Path cfg = dir.resolve("soak.yaml");
        // The writer still formats every event; /dev/null spares the shared disk ~100 MB a minute.
        Files.writeString(cfg, "events:\n  file: /dev/null\ntargets:\n"
                + "  - name: soak-healed\n    class: io.selfheal.it.apps.reliability.SoakService\n"
                + "    methods: [ call ]\n"
                + "    retry: { max-attempts: 3, backoff: { initial: 1ms, max: 2ms }, on: [ java.io.IOException ] }\n"
                + "    fallback:\n      - value: -1\n"
                + "  - name: soak-raw\n    class: io.selfheal.it.apps.reliability.SoakService\n"
                + "    methods: [ raw ]\n"
                + "    retry: { max-attempts: 2, backoff: { initial: 1ms }, on: [ java.io.IOException ] }\n");
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).jvmArg("-Xmx256m")
                .main("io.selfheal.it.apps.reliability.SoakApp", String.valueOf(SECONDS), "8")
                .timeout(Duration.ofSeconds(SECONDS + 120)).run();
        assertEquals(0, r.exitCode(), r.describe());

        long calls = n(r, "appCalls");
        assertTrue(calls > 10_000, r.describe());
        assertEquals(calls, n(r, "agentCalls"), "calls");
        assertEquals(n(r, "appFailures"), n(r, "agentFailures"), "failures");
        assertEquals(n(r, "appRetries"), n(r, "agentRetries"), "retries");
        assertEquals(n(r, "appFallbacks"), n(r, "agentFallbacks"), "fallbacks");
        assertEquals(0, n(r, "agentUnhealed"), "every healed-target call is healed");
        assertTrue(n(r, "appFallbacks") > 0 && n(r, "appRetries") > 0, r.stdout());

        assertEquals(n(r, "appRawCalls"), n(r, "agentRawCalls"), "raw calls");
        assertEquals(n(r, "appRawFailures"), n(r, "agentRawFailures"), "raw failures");
        assertEquals(n(r, "appRawRetries"), n(r, "agentRawRetries"), "raw retries");
        assertEquals(n(r, "appRawThrown"), n(r, "agentRawUnhealed"), "raw calls that reached the caller");
        assertTrue(n(r, "appRawThrown") > 0, r.stdout());

        long quarter = n(r, "heapAtQuarter");
        long end = n(r, "heapAtEnd");
        assertTrue(end <= quarter + HEAP_SLACK, "heap grew from " + quarter + " to " + end);
        assertEquals(n(r, "threadsBefore"), n(r, "threadsAfter"), "threads left behind");
        Reliability.record("soak", Jdks.label(jdk), SECONDS + "s, 8 threads: " + calls + " calls, "
                + n(r, "appFailures") + " failures, " + n(r, "appRetries") + " retries, " + n(r, "appFallbacks")
                + " fallbacks, raw unhealed " + n(r, "appRawThrown") + "; counts equal; heap after GC "
                + (quarter >> 10) + " KiB -> " + (end >> 10) + " KiB; threads " + n(r, "threadsBefore") + " -> "
                + n(r, "threadsAfter"));
    }

    private static long n(ChildJvm.Result r, String name) {
        String v = r.result(name);
        if (v == null) {
            throw new AssertionError("no RESULT " + name + "\n" + r.describe());
        }
        return Long.parseLong(v);
    }
}
