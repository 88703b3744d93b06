package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * Issue 17, virtual threads (JDK 21+; JDK 17 has none, so it is skipped there): 10,000 virtual
 * threads over retry with backoff, a bulkhead and a circuit breaker, and over a method that returns
 * a stage, keep exact counts (the application's own equal the agent's); no carrier is pinned in
 * agent code (a JFR recording of jdk.VirtualThreadPinned in the child); a million short-lived
 * virtual threads leave the heap after GC flat.
 */
class VirtualThreadsTest {
    private static final long FLAT_HEAP_BYTES = 16L * 1024 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void tenThousandVirtualThreadsCountExactlyPinNothingAndAMillionLeaveNoState(Path jdk) throws IOException {
        String version = Jdks.label(jdk);
        assumeTrue(Integer.parseInt(version.split("[.]")[0]) >= 21,
                "virtual threads need JDK 21 or later; this is JDK " + version);
        Path cfg = dir.resolve("selfheal.yaml");
        Files.writeString(cfg, "events:\n  file: " + dir.resolve("events.jsonl") + "\n" + """
                targets:
                  - name: vt
                    class: io.selfheal.it.apps.async.VtService
                    methods: [ fetch ]
                    retry: { max-attempts: 3, on: [ java.io.IOException ], backoff: { initial: 2ms } }
                    isolate: { max-concurrent: 2000 }
                    circuit-breaker: { failure-threshold: 5000, window: 10000 }
                  - name: vtAsync
                    class: io.selfheal.it.apps.async.VtService
                    methods: [ fetchAsync ]
                    retry: { max-attempts: 3, backoff: { initial: 2ms } }
                    circuit-breaker: { failure-threshold: 5000, window: 10000 }
                  - name: tick
                    class: io.selfheal.it.apps.async.VtService
                    methods: [ tick ]
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).jvmArg("-Xmx256m")
                .main("io.selfheal.it.apps.async.VirtualThreadsApp").timeout(Duration.ofMinutes(4)).run();
        String why = r.describe();
        assertEquals("true", r.result("finished"), why);

        long ok = n(r, "ok");
        long refused = n(r, "refused");
        long open = n(r, "open");
        long failed = n(r, "failed");
        assertEquals(10_000, ok + refused + open + failed, why);
        assertEquals(10_000, n(r, "vtCalls"), why);
        assertTrue(refused > 0, "the bulkhead of 2,000 refused some of 10,000 parked threads: " + why);
        assertEquals(refused + open, n(r, "vtShortCircuits"), why);
        assertEquals(n(r, "runs"), n(r, "vtCalls") - n(r, "vtShortCircuits") + n(r, "vtRetries"),
                "every run of the body the application counted is a call or a retry the agent counted: " + why);
        assertEquals(n(r, "thrown"), n(r, "vtFailures"), why);
        assertEquals(failed, n(r, "vtUnhealed"), why);
        assertEquals(n(r, "thrown") - failed, n(r, "vtHealed"), why);

        assertEquals(10_000, n(r, "asyncOk"), why);
        assertEquals(10_000, n(r, "vtAsyncCalls"), why);
        assertEquals(1_000, n(r, "asyncFirstFailures"), why);
        assertEquals(1_000, n(r, "vtAsyncRetries"), why);
        assertEquals(1_000, n(r, "vtAsyncHealed"), why);
        assertEquals(11_000, n(r, "asyncRuns"), why);

        assertEquals(0, n(r, "pinnedInAgent"), "a carrier pinned in agent code: " + why);

        assertEquals(1_000_000, n(r, "tickCalls"), why);
        long grew = n(r, "heapAt1M") - n(r, "heapAt100k");
        assertTrue(grew < FLAT_HEAP_BYTES, "the heap after GC grew by " + grew + " bytes from 100,000 to 1,000,000"
                + " short-lived virtual threads: " + why);
    }

    private static long n(ChildJvm.Result r, String name) {
        String v = r.result(name);
        if (v == null) {
            throw new AssertionError("no RESULT " + name + ": " + r.describe());
        }
        return Long.parseLong(v);
    }
}
