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
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 3: circuit breaker, isolate and bulkhead, timeout, classification, order, in child JVMs. */
class GuardsTest {
    private static final String APP = "io.selfheal.it.apps.GuardsApp";

    @TempDir
    Path dir;

    private Path config(String yaml) throws IOException {
        Path events = dir.resolve("events.jsonl");
        Files.deleteIfExists(events);
        Path file = dir.resolve("selfheal.yaml");
        Files.writeString(file, "events:\n  file: " + events + "\n" + yaml);
        return file;
    }

    private Events events() {
        return Events.read(dir.resolve("events.jsonl"));
    }

    /**
     * The types among {@code wanted}, in order, with repeated {@code short-circuited} lines folded
     * into one: those are throttled to one a second, so a slow machine may write two.
     */
    private List<String> typesAmong(Set<String> wanted) {
        List<String> out = new java.util.ArrayList<>();
        for (String type : events().types()) {
            boolean repeat = !out.isEmpty() && type.equals("short-circuited") && out.get(out.size() - 1).equals(type);
            if (wanted.contains(type) && !repeat) {
                out.add(type);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void circuitOpensAtTheThresholdShortCircuitsThenAProbeClosesIt(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - name: dep
                    class: io.selfheal.it.apps.Dependency
                    methods: [ fetch ]
                    circuit-breaker: { failure-threshold: 3, window: 10, open-for: 2s, half-open-calls: 1 }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "breaker", "3000").run();
        assertEquals("threw java.io.IOException: dependency down for k3", r.result("call3"), r.describe());
        assertTrue(r.result("call4").startsWith("threw io.selfheal.bootstrap.CircuitOpenException: circuit of target"
                + " 'dep' is open; next probe allowed at "), r.describe());
        assertEquals("3", r.result("runs"), "the open circuit did not run the body");
        assertEquals("fresh p", r.result("probe"));
        assertEquals("fresh a", r.result("after"));
        assertEquals("5", r.result("runsAtEnd"));
        assertEquals(List.of("circuit-opened", "short-circuited", "circuit-half-open", "circuit-closed"),
                typesAmong(Set.of("circuit-opened", "circuit-half-open", "circuit-closed", "short-circuited")),
                events().toString());
        JsonNode opened = events().ofType("circuit-opened").get(0);
        assertEquals("dep", opened.path("target").asText());
        assertEquals("network", opened.path("category").asText());
        assertEquals("medium", opened.path("severity").asText());
        assertEquals("java.io.IOException", opened.path("exception").asText());
        assertEquals(1, events().ofType("circuit-closed").get(0).path("probes").asInt());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void anOpenCircuitAnswersWithTheFallbackAndAllocatesNothingPerCall(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - name: constant
                    class: io.selfheal.it.apps.Dependency
                    methods: [ constant ]
                    circuit-breaker: { failure-threshold: 1, open-for: 1h }
                    fallback:
                      - value: cached
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "alloc").run();
        assertEquals("cached", r.result("opening"), r.describe());
        assertEquals("cached", r.result("answer"));
        double closed = Double.parseDouble(r.result("closedBytesPerCall"));
        double open = Double.parseDouble(r.result("openBytesPerCall"));
        assertTrue(closed < 1.0, "a closed breaker allocates on the success path: " + closed + " B/call");
        // An exception would cost hundreds of bytes a call; a throttled event a few per second.
        assertTrue(open < 1.0, "a short-circuit with a fallback allocates: " + open + " B/call");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void isolateQuarantinesAfterFailuresInARowThenReleases(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - name: dep
                    class: io.selfheal.it.apps.Dependency
                    methods: [ fetch ]
                    isolate: { after: 3, for: 2s }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "isolate", "3000").run();
        assertEquals("threw java.io.IOException: dependency down for k3", r.result("call3"), r.describe());
        assertTrue(r.result("call4").startsWith("threw io.selfheal.bootstrap.IsolatedException: target 'dep' is"
                + " isolated: quarantined until "), r.describe());
        assertEquals("3", r.result("runs"));
        assertEquals("fresh r", r.result("released"));
        assertEquals(List.of("isolated", "short-circuited", "released"),
                typesAmong(Set.of("isolated", "released", "short-circuited")), events().toString());
        JsonNode isolated = events().ofType("isolated").get(0);
        assertEquals(2000, isolated.path("forMs").asInt());
        assertEquals("network", isolated.path("category").asText());
        assertTrue(isolated.has("severity"));
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theBulkheadRefusesCallsBeyondMaxConcurrentAtOnce(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - name: pool
                    class: io.selfheal.it.apps.Dependency
                    methods: [ held ]
                    isolate: { max-concurrent: 2 }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "bulkhead").run();
        assertEquals("2", r.result("held"), r.describe());
        assertEquals("4", r.result("refused"));
        assertEquals("2", r.result("inBodyWhileFull"));
        assertEquals("2", r.result("maxRunning"));
        assertEquals("held", r.result("afterwards"), "permits were given back");
        JsonNode full = events().ofType("bulkhead-full").get(0);
        assertEquals(2, full.path("maxConcurrent").asInt());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aTimeoutInterruptsTheCallerAndSurfacesAsTimeoutExceptionToTheChain(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - name: slow
                    class: io.selfheal.it.apps.Dependency
                    methods: [ slow ]
                    timeout: 200ms
                    retry: { max-attempts: 2, backoff: { initial: 1ms }, on: [ java.util.concurrent.TimeoutException ] }
                    fallback:
                      - value: fallback after timeout
                  - name: stubborn
                    class: io.selfheal.it.apps.Dependency
                    methods: [ stubborn ]
                    timeout: 100ms
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "timeout", "600").run();
        assertEquals("fallback after timeout", r.result("slow"), r.describe());
        assertEquals("2", r.result("slowRuns"), "retry acted on the TimeoutException");
        assertEquals("true", r.result("slowMillis"));
        assertEquals("false", r.result("interruptedAfter"), "the interrupt did not leak");
        assertEquals("stubborn done for caller-thread-local", r.result("stubborn"),
                "a body deaf to interrupts runs to completion on the caller's thread and keeps its value");
        assertEquals("false", r.result("interruptedAfterStubborn"));
        List<JsonNode> timeouts = events().ofType("timeout");
        assertEquals(3, timeouts.size(), events().toString());
        assertEquals("interrupted", timeouts.get(0).path("outcome").asText());
        assertEquals("java.lang.InterruptedException", timeouts.get(0).path("exception").asText());
        assertEquals("timeout", timeouts.get(0).path("category").asText());
        assertEquals("completed-late", timeouts.get(2).path("outcome").asText());
        JsonNode detected = events().ofType("error-detected").get(0);
        assertEquals("java.util.concurrent.TimeoutException", detected.path("exception").asText());
        assertEquals("timeout", detected.path("category").asText());

        Path bare = config("""
                targets:
                  - class: io.selfheal.it.apps.Dependency
                    methods: [ slow ]
                    timeout: 200ms
                """);
        ChildJvm.Result unhealed = ChildJvm.on(jdk).agent(bare).main(APP, "timeout", "1").run();
        assertEquals("threw java.lang.InterruptedException: sleep interrupted", unhealed.result("slow"),
                "nothing healed it: the body's own exception is rethrown unchanged");
        assertEquals("false", unhealed.result("interruptedAfter"), unhealed.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theStrategiesMapChoosesPerExceptionTypeAndEventsCarryCategoryAndSeverity(Path jdk) throws IOException {
        Path cfg = config("""
                strategies:
                  java.io.IOException: retry
                  java.lang.IllegalStateException: fallback
                targets:
                  - name: dep
                    class: io.selfheal.it.apps.Dependency
                    methods: [ transientIo, badState ]
                    retry: { max-attempts: 3, backoff: { initial: 1ms } }
                    fallback:
                      - value: fallback
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "strategies").run();
        assertEquals("io ok after 2", r.result("io"), r.describe());
        assertEquals("2", r.result("ioRuns"));
        assertEquals("fallback", r.result("state"), "IllegalStateException goes to fallback, not retry");
        assertEquals("1", r.result("stateRuns"));
        assertEquals(List.of("error-detected", "fallback", "healed"), events().typesFor("badState"));
        for (JsonNode e : events().all()) {
            String type = e.path("type").asText();
            if (Set.of("error-detected", "retry", "fallback", "healed").contains(type)) {
                boolean io = e.path("method").asText().equals("transientIo");
                assertEquals(io ? "network" : "state", e.path("category").asText(), e.toString());
                assertEquals("medium", e.path("severity").asText(), e.toString());
            }
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void orderRetryCountsForTheBreakerAndNeverGoesThroughAnOpenCircuit(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - name: dep
                    class: io.selfheal.it.apps.Dependency
                    methods: [ fetch ]
                    retry: { max-attempts: 5, backoff: { initial: 1ms } }
                    circuit-breaker: { failure-threshold: 2, window: 10, open-for: 1h }
                    isolate: { after: 10 }
                    fallback:
                      - value: fallback
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "order").run();
        assertEquals("fallback", r.result("order"), r.describe());
        assertEquals("2", r.result("runs"), "the second attempt opened the circuit: no third");
        assertEquals("fallback", r.result("next"));
        assertEquals("2", r.result("runsAtEnd"));
        assertEquals(List.of("error-detected", "retry", "error-detected", "circuit-opened", "retry", "fallback",
                "healed", "short-circuited"),
                typesAmong(Set.of("error-detected", "retry", "circuit-opened", "fallback", "healed", "short-circuited",
                        "healing-failed", "isolated")), events().toString());
        assertEquals("skipped", events().ofType("retry").get(1).path("outcome").asText());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void stressNoCallLostOrCountedTwiceProbesAndBulkheadStayWithinLimits(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - name: stress
                    class: io.selfheal.it.apps.Dependency
                    methods: [ random ]
                    retry: { max-attempts: 2, backoff: { initial: 1ms, max: 1ms } }
                    circuit-breaker: { failure-threshold: 5, window: 20, open-for: 20ms, half-open-calls: 2 }
                    isolate: { max-concurrent: 4 }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "stress", "16", "3000")
                .timeout(java.time.Duration.ofSeconds(55)).run();
        long calls = n(r, "app.calls");
        assertTrue(calls > 1000, r.describe());
        assertEquals(0, n(r, "app.other"), r.describe());
        assertEquals(calls, n(r, "engine.calls"), "every call counted once");
        assertEquals(n(r, "app.circuitOpen") + n(r, "app.isolated"), n(r, "engine.shortCircuits"), r.describe());
        assertEquals(calls, n(r, "app.ok") + n(r, "app.ioFailures") + n(r, "engine.shortCircuits"), r.describe());
        assertEquals(n(r, "app.bodyFailures"), n(r, "engine.failures"), "every failed run counted once");
        assertEquals(n(r, "app.bodyRuns"), n(r, "app.bodySuccesses") + n(r, "app.bodyFailures"));
        assertEquals(n(r, "app.ok"), n(r, "app.bodySuccesses"), "each successful run ended one call");
        assertEquals(n(r, "app.ioFailures"), n(r, "engine.unhealed"));
        assertEquals(n(r, "app.bodyRuns") - (calls - n(r, "engine.shortCircuits")), n(r, "engine.retries"));
        assertEquals(0, n(r, "engine.callsInFlight"), "every permit was given back");
        long maxRunning = n(r, "app.maxRunning");
        assertTrue(maxRunning <= 4 && maxRunning >= 2, "bulkhead max-concurrent 4, observed " + maxRunning);
        assertTrue(n(r, "app.circuitOpen") > 0 && n(r, "app.isolated") > 0, r.describe());

        Events ev = events();
        assertTrue(ev.ofType("circuit-half-open").size() > 0, "the breaker cycled");
        for (String type : List.of("circuit-closed", "circuit-opened")) {
            for (JsonNode e : ev.ofType(type)) {
                if (e.path("from").asText().equals("half-open")) {
                    int probes = e.path("probes").asInt();
                    assertTrue(probes >= 1 && probes <= 2, "half-open admitted " + probes + " probes: " + e);
                }
            }
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void halfOpenNeverAdmitsMoreThanHalfOpenCallsProbesAsTheAppSeesIt(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - name: probes
                    class: io.selfheal.it.apps.Dependency
                    methods: [ probe ]
                    circuit-breaker: { failure-threshold: 1, open-for: 50ms, half-open-calls: 2 }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "probes", "12", "16", "50")
                .timeout(java.time.Duration.ofSeconds(55)).run();
        assertEquals(2, n(r, "probes.maxPerBurst"), "16 callers at once, half-open-calls 2: " + r.describe());
        assertEquals(2, n(r, "probes.maxRunning"));
        assertEquals(12, n(r, "probes.burstsWithProbes"), "every burst found the circuit half-open");
        assertEquals("OPEN,CLOSED,OPEN,CLOSED,OPEN,CLOSED,OPEN,CLOSED,OPEN,CLOSED,OPEN,CLOSED",
                r.result("probes.statesAfter"), "failed probes reopen it, successful ones close it");
        for (JsonNode e : events().ofType("circuit-closed")) {
            assertEquals(2, e.path("probes").asInt(), e.toString());
        }
    }

    private static long n(ChildJvm.Result r, String name) {
        String v = r.result(name);
        assertFalse(v == null, "no RESULT " + name + "\n" + r.describe());
        return Long.parseLong(v);
    }
}
