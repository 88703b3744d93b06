package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17: methods that return a CompletionStage heal on the stage's outcome (retry after a
 * backoff that blocks no thread, fallback, timeout, circuit breaker, bulkhead, restore, latency),
 * a synchronous throw heals as before, many threads keep exact counts, and future-like types the
 * agent does not heal draw a weave-time warning. One child JVM per JDK runs every scenario.
 */
class AsyncCallsTest {
    private static final String SERVICE = "io.selfheal.it.apps.async.AsyncService";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void stagesHealOnTheirOutcome(Path jdk) throws IOException {
        Path events = dir.resolve("events.jsonl");
        Path cfg = dir.resolve("selfheal.yaml");
        Files.writeString(cfg, "events:\n  file: " + events + "\n" + """
                targets:
                  - name: flaky
                    class: SERVICE
                    methods: [ flaky ]
                    retry: { max-attempts: 4, on: [ java.io.IOException ], backoff: { initial: 1500ms, multiplier: 1, jitter: 0 } }
                    fallback:
                      - value: cached
                  - name: down
                    class: SERVICE
                    methods: [ down ]
                    retry: { max-attempts: 2, backoff: { initial: 10ms } }
                    fallback:
                      - value: cached
                  - name: sync
                    class: SERVICE
                    methods: [ syncThrow ]
                    retry: { max-attempts: 3, backoff: { initial: 10ms } }
                  - name: slow
                    class: SERVICE
                    methods: [ slow ]
                    timeout: 300ms
                    fallback:
                      - method: io.selfheal.it.apps.async.AsyncFallbacks#late
                  - name: slowBare
                    class: SERVICE
                    methods: [ slowBare ]
                    timeout: 300ms
                  - name: custom
                    class: SERVICE
                    methods: [ custom ]
                    retry: { max-attempts: 3, backoff: { initial: 10ms } }
                  - name: customDown
                    class: SERVICE
                    methods: [ customDown ]
                    fallback:
                      - value: 7
                  - name: emptyDown
                    class: SERVICE
                    methods: [ emptyDown ]
                    fallback:
                      - empty: true
                  - name: plainFallback
                    class: SERVICE
                    methods: [ plainFallback ]
                    fallback:
                      - method: io.selfheal.it.apps.async.AsyncFallbacks#plain
                  - name: breaker
                    class: SERVICE
                    methods: [ breaker ]
                    circuit-breaker: { failure-threshold: 3, open-for: 1h }
                  - name: held
                    class: SERVICE
                    methods: [ held ]
                    isolate: { max-concurrent: 2 }
                  - name: ledger
                    class: io.selfheal.it.apps.async.AsyncLedger
                    methods: [ debit ]
                    restore: { fields: [ balance ] }
                  - name: measured
                    class: SERVICE
                    methods: [ measured ]
                    latency: true
                  - name: many
                    class: SERVICE
                    methods: [ many ]
                    retry: { max-attempts: 2, backoff: { initial: 1ms } }
                  - name: futures
                    class: io.selfheal.it.apps.async.FutureLike
                    retry: { max-attempts: 2 }
                """.replace("SERVICE", SERVICE));
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main("io.selfheal.it.apps.async.AsyncApp").run();
        String why = r.describe();

        // retry: the caller's thread returned long before the first 1.5 s backoff was over
        assertTrue(Long.parseLong(r.result("flakyReturnedMs")) < 1500, why);
        assertEquals("false", r.result("flakyDoneAtReturn"), why);
        assertEquals("k3", r.result("flaky"), why);
        assertEquals("3", r.result("flakyRuns"), why);
        assertTrue(Long.parseLong(r.result("flakyTotalMs")) >= 3000, "two backoffs of 1.5 s: " + why);
        assertEquals("2", r.result("flakyRetries"), why);
        assertEquals("1", r.result("flakyCalls"), "runs again are attempts of the one call: " + why);

        assertEquals("cached", r.result("down"), why);
        assertEquals("k2", r.result("sync"), "a synchronous throw heals as before: " + why);
        assertEquals("2", r.result("syncRuns"), why);

        assertEquals("late k after TimeoutException", r.result("slow"), why);
        assertEquals("true", r.result("slowInnerCancelled"), why);
        assertTrue(r.result("slowBare").startsWith("threw java.util.concurrent.TimeoutException: "), why);
        assertEquals("true", r.result("slowBareInnerCancelled"), why);

        assertEquals("42", r.result("custom"), "an application's own CompletionStage: " + why);
        assertEquals("2", r.result("customRuns"), why);
        assertEquals("7", r.result("customDown"), why);
        assertEquals("java.lang.Integer", r.result("customDownClass"), "the literal is converted to T: " + why);
        assertEquals("[]", r.result("emptyDown"), why);
        assertEquals("plain k", r.result("plainFallback"), why);

        for (int i = 1; i <= 3; i++) {
            assertEquals("threw java.io.IOException: breaker b" + i, r.result("breaker" + i), why);
        }
        assertTrue(r.result("breaker4").startsWith("threw io.selfheal.bootstrap.CircuitOpenException"), why);
        assertEquals("3", r.result("breakerRuns"), "the open circuit ran no body: " + why);

        assertEquals("2", r.result("inFlight"), "a stage holds its permit until it completes: " + why);
        assertEquals("4", r.result("refused"), why);
        assertTrue(r.result("refusedWith").startsWith("threw io.selfheal.bootstrap.IsolatedException"), why);
        assertEquals("done g", r.result("heldOutcome"), why);
        assertEquals("done again", r.result("afterRelease"), "the permits came back at completion: " + why);

        assertEquals("threw java.io.IOException: declined", r.result("debit"), why);
        assertEquals("100", r.result("balance"), "restored when the stage failed: " + why);

        assertEquals("measured", r.result("measured"), why);
        assertTrue(Double.parseDouble(r.result("measuredP50")) >= 150, "latency runs to completion: " + why);

        // 16 threads x 500 calls; every third of the 8000 ids (2667) fails its first run and is retried once
        assertEquals("0", r.result("manyWrong"), why);
        assertEquals("8000", r.result("manyCalls"), why);
        assertEquals("2667", r.result("manyRetries"), why);
        assertEquals("2667", r.result("manyFailures"), why);
        assertEquals("2667", r.result("manyHealed"), why);
        assertEquals("10667", r.result("manyRuns"), "the application's own count: " + why);

        Events log = Events.read(events);
        List<JsonNode> retries = log.ofType("retry").stream()
                .filter(e -> e.path("target").asText().equals("flaky")).collect(Collectors.toList());
        assertEquals(2, retries.size(), log.toString());
        for (JsonNode e : retries) {
            assertTrue(e.path("async").asBoolean(), e.toString());
            assertEquals("java.io.IOException", e.path("exception").asText(), "the cause, not a wrapper: " + e);
        }
        JsonNode healed = log.ofType("healed").stream().filter(e -> e.path("target").asText().equals("flaky"))
                .findFirst().orElseThrow();
        assertTrue(healed.path("async").asBoolean(), healed.toString());
        assertEquals("retry", healed.path("strategy").asText(), healed.toString());
        JsonNode byFallback = log.ofType("healed").stream().filter(e -> e.path("target").asText().equals("down"))
                .findFirst().orElseThrow();
        assertEquals("fallback", byFallback.path("strategy").asText(), byFallback.toString());
        JsonNode timeout = log.ofType("timeout").stream().filter(e -> e.path("target").asText().equals("slow"))
                .findFirst().orElseThrow();
        assertEquals("cancelled", timeout.path("outcome").asText(), timeout.toString());
        assertTrue(timeout.path("async").asBoolean(), timeout.toString());

        // future-like types the agent does not heal: a warning each, at weave time
        List<String> warnings = log.ofType("config-problem").stream()
                .filter(e -> e.path("target").asText().equals("futures"))
                .map(e -> e.path("method").asText() + ": " + e.path("message").asText()).sorted()
                .collect(Collectors.toList());
        assertEquals(List.of(
                "listenable: returns io.selfheal.it.apps.async.FutureLike$ListenableLike: only its synchronous failures are healed",
                "mono: returns reactor.core.publisher.Mono: only its synchronous failures are healed",
                "ownStage: returns io.selfheal.it.apps.async.AppStage: only its synchronous failures are healed"
                        + " (declare CompletionStage or CompletableFuture as the return type to heal its outcome)",
                "plainFuture: returns java.util.concurrent.Future: only its synchronous failures are healed",
                "single: returns io.reactivex.rxjava3.core.Single: only its synchronous failures are healed",
                "suspending: is a Kotlin suspend function: only its synchronous failures are healed"),
                warnings, log.toString());
        assertFalse(log.types().contains("agent-fault"), log.toString());
    }
}
