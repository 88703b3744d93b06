package io.selfheal.runtime.engine;

import static io.selfheal.runtime.engine.EngineHarness.failing;
import static io.selfheal.runtime.engine.EngineHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.bootstrap.CircuitOpenException;
import io.selfheal.bootstrap.Healing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static String target(String breaker) {
        return "targets:\n  - name: dep\n    class: io.selfheal.test.Subject\n    circuit-breaker: " + breaker + "\n";
    }

    @Test
    void opensAtTheThresholdAndShortCircuitsWithoutRunningTheBody() throws Throwable {
        EngineHarness h = new EngineHarness(target("{ failure-threshold: 3, window: 10, open-for: 30s }"));
        int site = h.site("dep");
        AtomicInteger runs = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            h.outcome(site, () -> {
                runs.incrementAndGet();
                throw new IOException("down");
            });
            assertEquals(i < 2 ? CircuitState.CLOSED : CircuitState.OPEN, h.target("dep").circuitState(), "after " + (i + 1));
        }
        CircuitOpenException e = assertThrows(CircuitOpenException.class, () -> h.call(site, () -> {
            runs.incrementAndGet();
            return "ran";
        }));
        assertEquals(3, runs.get(), "an open circuit does not run the body");
        assertEquals("dep", e.getTarget());
        assertEquals(h.clock.currentTimeMillis() + 30_000, e.getRetryAtEpochMillis());
        // The same exception passing through one target within a second: one error-detected and one
        // healing-failed (the throttle), the circuit's own events all written.
        assertEquals(List.of("error-detected", "healing-failed", "circuit-opened", "short-circuited"), h.types());
        assertEquals("network", h.ofType("circuit-opened").get(0).get("category"));
        assertEquals(1L, h.target("dep").stats().shortCircuits.sum());
    }

    @Test
    void failuresOutsideTheCountWindowDoNotOpenIt() {
        EngineHarness h = new EngineHarness(target("{ failure-threshold: 2, window: 3 }"));
        int site = h.site("dep");
        h.outcome(site, failing(new IOException()));
        h.outcome(site, ok());
        h.outcome(site, ok());
        h.outcome(site, failing(new IOException()));   // the first failure left the last 3 calls
        assertEquals(CircuitState.CLOSED, h.target("dep").circuitState());
        assertEquals(1, h.target("dep").failuresInWindow());
        h.outcome(site, failing(new IOException()));
        assertEquals(CircuitState.OPEN, h.target("dep").circuitState());
    }

    @Test
    void halfOpenAfterOpenForThenSuccessCloses() {
        EngineHarness h = new EngineHarness(target("{ failure-threshold: 1, open-for: 10s, half-open-calls: 2 }"));
        int site = h.site("dep");
        h.outcome(site, failing(new IOException()));
        h.clock.advanceMillis(9_999);
        assertEquals("threw CircuitOpenException", h.outcome(site, ok()));
        h.clock.advanceMillis(1);
        assertEquals("ok", h.outcome(site, ok()));
        assertEquals(CircuitState.HALF_OPEN, h.target("dep").circuitState(), "one of two probes succeeded");
        assertEquals("ok", h.outcome(site, ok()));
        assertEquals(CircuitState.CLOSED, h.target("dep").circuitState());
        assertEquals(List.of("circuit-opened", "circuit-half-open", "circuit-closed"),
                h.types().stream().filter(t -> t.startsWith("circuit")).toList());
        assertEquals(2, h.ofType("circuit-closed").get(0).get("probes"));
        for (String type : List.of("circuit-opened", "circuit-half-open", "circuit-closed")) {
            assertNull(h.ofType(type).get(0).get("by"), type + ": failures and time moved it, not a hand");
        }
    }

    @Test
    void aFailedProbeReopensForAnotherOpenFor() {
        EngineHarness h = new EngineHarness(target("{ failure-threshold: 1, open-for: 10s }"));
        int site = h.site("dep");
        h.outcome(site, failing(new IOException()));
        h.clock.advanceMillis(10_000);
        h.outcome(site, failing(new IllegalStateException()));
        assertEquals(CircuitState.OPEN, h.target("dep").circuitState());
        assertEquals("half-open", h.ofType("circuit-opened").get(1).get("from"));
        h.clock.advanceMillis(9_000);
        assertEquals("threw CircuitOpenException", h.outcome(site, ok()));
    }

    @Test
    void halfOpenAdmitsExactlyHalfOpenCallsProbesAmongConcurrentCallers() throws Exception {
        EngineHarness h = new EngineHarness(target("{ failure-threshold: 1, open-for: 1s, half-open-calls: 3 }"));
        int site = h.site("dep");
        h.outcome(site, failing(new IOException()));
        h.clock.advanceMillis(1_000);
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger admitted = new AtomicInteger();
        List<Object> tokens = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                Object token = h.engine.enter(site, null);
                if (token != Healing.SHORT_CIRCUIT) {
                    admitted.incrementAndGet();
                    tokens.add(token);
                }
            });
            t.start();
            all.add(t);
        }
        start.countDown();
        for (Thread t : all) {
            t.join();
        }
        assertEquals(3, admitted.get(), "exactly half-open-calls probes");
        for (Object token : tokens) {
            h.engine.success(site, token);
        }
        assertEquals(CircuitState.CLOSED, h.target("dep").circuitState());
    }

    @Test
    void failureRateNeedsMinimumCalls() {
        EngineHarness h = new EngineHarness(target("{ failure-rate: 0.5, window: 10, minimum-calls: 4 }"));
        int site = h.site("dep");
        h.outcome(site, failing(new IOException()));
        h.outcome(site, failing(new IOException()));
        assertEquals(CircuitState.CLOSED, h.target("dep").circuitState(), "2 calls < minimum-calls");
        h.outcome(site, ok());
        h.outcome(site, failing(new IOException()));
        assertEquals(CircuitState.OPEN, h.target("dep").circuitState(), "3 of 4 failed");
    }

    @Test
    void timeWindowForgetsOldFailures() {
        EngineHarness h = new EngineHarness(target("{ failure-threshold: 2, window: 10s }"));
        int site = h.site("dep");
        h.outcome(site, failing(new IOException()));
        h.clock.advanceMillis(11_000);
        h.outcome(site, failing(new IOException()));
        assertEquals(CircuitState.CLOSED, h.target("dep").circuitState());
        h.clock.advanceMillis(2_000);
        h.outcome(site, failing(new IOException()));
        assertEquals(CircuitState.OPEN, h.target("dep").circuitState());
    }

    @Test
    void slowCallsCountAsFailures() {
        EngineHarness h = new EngineHarness(target(
                "{ window: 4, minimum-calls: 2, slow-call: { threshold: 2s, rate: 0.5 } }"));
        int site = h.site("dep");
        h.outcome(site, ok());
        h.outcome(site, () -> {
            h.clock.advanceMillis(2_500);
            return "slow";
        });
        assertEquals(CircuitState.OPEN, h.target("dep").circuitState(), "1 slow of 2 calls reaches 0.5");
    }

    @Test
    void ignoredExceptionsDoNotCount() {
        EngineHarness h = new EngineHarness(target(
                "{ failure-threshold: 1, ignore: [ java.lang.IllegalArgumentException ] }"));
        int site = h.site("dep");
        h.outcome(site, failing(new IllegalArgumentException()));
        assertEquals(CircuitState.CLOSED, h.target("dep").circuitState());
        h.outcome(site, failing(new IOException()));
        assertEquals(CircuitState.OPEN, h.target("dep").circuitState());
    }

    @Test
    void operatorsOpenAndResetTheCircuit() {
        EngineHarness h = new EngineHarness(target("{ failure-threshold: 2, open-for: 5s }"));
        int site = h.site("dep");
        TargetRuntime t = h.target("dep");
        h.outcome(site, failing(new IOException()));
        assertEquals(1, t.failuresInWindow());
        t.openCircuit();
        assertEquals(CircuitState.OPEN, t.circuitState());
        assertEquals("threw CircuitOpenException", h.outcome(site, ok()));
        t.resetCircuit();
        assertEquals(CircuitState.CLOSED, t.circuitState());
        assertEquals(0, t.failuresInWindow());
        assertEquals("ok", h.outcome(site, ok()));
        assertEquals(1, h.ofType("circuit-closed").size());
        assertTrue(h.ofType("circuit-closed").get(0).get("reason").toString().contains("operator"));
        assertEquals("operator", h.ofType("circuit-closed").get(0).get("by"));
    }

    @Test
    void aTargetWithoutABreakerReportsClosedAndCannotBeOpened() {
        EngineHarness h = new EngineHarness("targets:\n  - name: plain\n    class: io.selfheal.test.Subject\n");
        TargetRuntime t = h.target("plain");
        assertEquals(CircuitState.CLOSED, t.circuitState());
        assertEquals(0, t.failuresInWindow());
        t.resetCircuit();
        assertThrows(IllegalStateException.class, t::openCircuit);
    }

    @Test
    void anOpenCircuitWithAValueFallbackAnswersWithTheSameObjectEachTime() throws Throwable {
        EngineHarness h = new EngineHarness(target("{ failure-threshold: 1 }")
                + "    fallback:\n      - value: cached\n");
        int site = h.site("dep");
        assertEquals("cached", h.call(site, failing(new IOException())));
        Object first = h.engine.shortCircuit(site, null, null);
        Object second = h.engine.shortCircuit(site, null, null);
        assertEquals("cached", first);
        assertTrue(first == second, "a cached constant, no allocation per call");
        assertEquals(Healing.SHORT_CIRCUIT, h.engine.enter(site, null));
    }

    @Test
    void timeWindowWithARateCountsCallsInTheWindowOnly() {
        EngineHarness h = new EngineHarness(target("{ window: 10s, failure-rate: 0.5, minimum-calls: 4 }"));
        int site = h.site("dep");
        for (int i = 0; i < 4; i++) {
            h.outcome(site, ok());
        }
        h.clock.advanceMillis(12_000);   // the successes left the window
        h.outcome(site, ok());
        h.outcome(site, failing(new IOException()));
        h.outcome(site, failing(new IOException()));
        assertEquals(CircuitState.CLOSED, h.target("dep").circuitState(), "3 calls in the window < minimum-calls");
        h.outcome(site, failing(new IOException()));
        assertEquals(CircuitState.OPEN, h.target("dep").circuitState(), "3 of 4 failed within 10s");
    }

    @Test
    void defaultsGiveEveryTargetItsOwnBreaker() {
        EngineHarness h = new EngineHarness("""
                defaults:
                  circuit-breaker: { failure-threshold: 1 }
                targets:
                  - name: a
                    class: io.selfheal.test.A
                  - name: b
                    class: io.selfheal.test.B
                    circuit-breaker: { failure-threshold: 2 }
                """);
        int a = h.site("a");
        int b = h.site("b");
        h.outcome(a, failing(new IOException()));
        h.outcome(b, failing(new IOException()));
        assertEquals(CircuitState.OPEN, h.target("a").circuitState());
        assertEquals(CircuitState.CLOSED, h.target("b").circuitState(), "b's own threshold won; its window is its own");
    }
}
