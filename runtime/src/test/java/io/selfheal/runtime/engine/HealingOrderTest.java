package io.selfheal.runtime.engine;

import static io.selfheal.runtime.engine.EngineHarness.failing;
import static io.selfheal.runtime.engine.EngineHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.bootstrap.Healing;
import io.selfheal.runtime.events.Event;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The order of healing: breaker and isolation record each attempt, then retry, fallback, rethrow. */
class HealingOrderTest {

    @Test
    void aRetryIsNeverAttemptedThroughTheCircuitItsFailureJustOpened() {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: dep
                    class: io.selfheal.test.Subject
                    retry: { max-attempts: 5, backoff: { initial: 10ms } }
                    circuit-breaker: { failure-threshold: 2, window: 10 }
                    fallback:
                      - value: fallback
                """);
        int site = h.site("dep");
        AtomicInteger runs = new AtomicInteger();
        String out = h.outcome(site, () -> {
            runs.incrementAndGet();
            throw new IOException("down");
        });
        assertEquals("fallback", out);
        assertEquals(2, runs.get(), "each attempt counted for the breaker; the second opened it");
        assertEquals(List.of("error-detected", "retry", "error-detected", "circuit-opened", "retry", "fallback",
                "healed"), h.types());
        Event skipped = h.ofType("retry").get(1);
        assertEquals("skipped", skipped.get("outcome"));
        assertEquals("network", skipped.get("category"));
        assertEquals("medium", skipped.get("severity"));
        assertEquals(CircuitState.OPEN, h.target("dep").circuitState());
    }

    @Test
    void aCircuitOpenedByOthersDuringTheBackoffStopsTheRetry() {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: dep
                    class: io.selfheal.test.Subject
                    retry: { max-attempts: 3 }
                    circuit-breaker: { failure-threshold: 5 }
                """);
        int site = h.site("dep");
        h.clock.duringSleep = () -> h.target("dep").openCircuit();
        AtomicInteger runs = new AtomicInteger();
        assertEquals("threw IOException", h.outcome(site, () -> {
            runs.incrementAndGet();
            throw new IOException();
        }));
        assertEquals(1, runs.get());
        assertTrue(h.ofType("retry").get(1).get("message").toString().contains("during the backoff"));
    }

    @Test
    void isolationAfterFailuresInARowThenReleasedWhenItsTimeIsUp() {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: dep
                    class: io.selfheal.test.Subject
                    retry: { max-attempts: 10, backoff: { initial: 1ms } }
                    isolate: { after: 3, for: 1m }
                """);
        int site = h.site("dep");
        AtomicInteger runs = new AtomicInteger();
        assertEquals("threw IOException", h.outcome(site, () -> {
            runs.incrementAndGet();
            throw new IOException();
        }));
        assertEquals(3, runs.get(), "isolated at the third failure in a row: no fourth attempt");
        assertTrue(h.target("dep").isIsolated());
        assertEquals("threw IsolatedException", h.outcome(site, ok()));
        assertEquals(60_000L, h.ofType("isolated").get(0).get("forMs"));
        h.clock.advanceMillis(60_000);
        assertEquals("ok", h.outcome(site, ok()));
        assertEquals(List.of("isolated", "released"), h.types().stream()
                .filter(t -> t.equals("isolated") || t.equals("released")).toList());
        assertNull(h.ofType("isolated").get(0).get("by"), "failures isolated it, not a hand");
        assertNull(h.ofType("released").get(0).get("by"), "its time ended it, not a hand");
    }

    @Test
    void aSuccessBreaksTheRunOfFailures() {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: dep
                    class: io.selfheal.test.Subject
                    isolate: { after: 2 }
                """);
        int site = h.site("dep");
        h.outcome(site, failing(new IOException()));
        h.outcome(site, ok());
        h.outcome(site, failing(new IOException()));
        assertTrue(!h.target("dep").isIsolated());
        h.outcome(site, failing(new IOException()));
        assertTrue(h.target("dep").isIsolated());
    }

    @Test
    void operatorIsolationLastsUntilReleasedAndWorksOnAnyTarget() {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: plain
                    class: io.selfheal.test.Subject
                    fallback: [ { value: quarantined } ]
                """);
        int site = h.site("plain");
        assertNull(h.engine.enter(site, null), "an unguarded target has no token");
        h.target("plain").isolate();
        h.clock.advanceMillis(3_600_000);
        assertEquals("quarantined", h.outcome(site, ok()));
        h.target("plain").release();
        assertEquals("ok", h.outcome(site, ok()));
        assertEquals(List.of("isolated", "short-circuited", "released"), h.types());
        assertEquals("operator", h.ofType("isolated").get(0).get("by"));
        assertEquals("operator", h.ofType("released").get(0).get("by"));
    }

    @Test
    void theBulkheadRefusesCallsBeyondMaxConcurrentAndGivesPermitsBack() throws Throwable {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: dep
                    class: io.selfheal.test.Subject
                    isolate: { max-concurrent: 2 }
                """);
        int site = h.site("dep");
        Object a = h.engine.enter(site, null);
        Object b = h.engine.enter(site, null);
        assertEquals(Healing.SHORT_CIRCUIT, h.engine.enter(site, null));
        assertEquals(2, h.target("dep").callsInFlight());
        h.engine.success(site, a);
        Object c = h.engine.enter(site, null);
        assertTrue(c != Healing.SHORT_CIRCUIT);
        assertEquals(Healing.RETHROW, h.engine.failure(site, b, null, new IOException(), new Object[0]));
        h.engine.success(site, c);
        assertEquals(0, h.target("dep").callsInFlight());
        assertEquals(1, h.ofType("bulkhead-full").size());
    }

    @Test
    void strategiesMapDecidesForBlocksWithoutTheirOwnLists() {
        EngineHarness h = new EngineHarness("""
                strategies:
                  java.io.IOException: retry
                  java.lang.IllegalStateException: fallback
                  java.lang.IllegalArgumentException: rethrow
                targets:
                  - name: dep
                    class: io.selfheal.test.Subject
                    retry: { max-attempts: 2, backoff: { initial: 1ms } }
                    fallback: [ { value: fell-back } ]
                """);
        int site = h.site("dep");
        AtomicInteger runs = new AtomicInteger();
        assertEquals("threw IOException", h.outcome(site, () -> {
            runs.incrementAndGet();
            throw new IOException();
        }), "IOException: retry only, no fallback");
        assertEquals(2, runs.get());
        runs.set(0);
        assertEquals("fell-back", h.outcome(site, () -> {
            runs.incrementAndGet();
            throw new IllegalStateException();
        }), "IllegalStateException: fallback only, no retry");
        assertEquals(1, runs.get());
        assertEquals("threw NumberFormatException", h.outcome(site, failing(new NumberFormatException())),
                "a subclass follows its listed superclass");
        assertEquals("fell-back", h.outcome(site, failing(new java.util.NoSuchElementException())),
                "an unlisted type: every strategy, as without the map");
    }

    @Test
    void aBlockWithItsOwnListsIgnoresTheStrategiesMap() {
        EngineHarness h = new EngineHarness("""
                strategies:
                  java.io.IOException: fallback
                targets:
                  - name: dep
                    class: io.selfheal.test.Subject
                    retry: { max-attempts: 2, backoff: { initial: 1ms }, on: [ java.io.IOException ] }
                """);
        int site = h.site("dep");
        AtomicInteger runs = new AtomicInteger();
        h.outcome(site, () -> {
            runs.incrementAndGet();
            throw new IOException();
        });
        assertEquals(2, runs.get());
    }

    @Test
    void everyFailureEventCarriesCategoryAndSeverity() {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: dep
                    class: io.selfheal.test.Subject
                    retry: { max-attempts: 2, backoff: { initial: 1ms } }
                    circuit-breaker: { failure-threshold: 2 }
                """);
        int site = h.site("dep");
        h.outcome(site, failing(new IllegalArgumentException("bad")));
        for (Event e : h.events) {
            if (List.of("error-detected", "retry", "circuit-opened", "healing-failed").contains(e.type().wireName())) {
                assertEquals("validation", e.get("category"), e.toJson());
                assertEquals("low", e.get("severity"), e.toJson());
            }
        }
        assertTrue(h.types().contains("circuit-opened"), h.types().toString());
    }

    @Test
    void aTargetReleasedBetweenEnterAndShortCircuitRunsTheBodyAfterAll() {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: dep
                    class: io.selfheal.test.Subject
                    circuit-breaker: { failure-threshold: 1 }
                """);
        int site = h.site("dep");
        h.target("dep").isolate();
        Object token = h.engine.enter(site, null);
        assertEquals(Healing.SHORT_CIRCUIT, token);
        h.target("dep").release();
        assertEquals(Healing.PROCEED, h.engine.shortCircuit(site, null, null));
        h.engine.success(site, token);   // the woven code passes the marker on as its token
        assertEquals(Healing.RETHROW, h.engine.failure(site, token, null, new IOException(), new Object[0]));
        assertEquals(CircuitState.OPEN, h.target("dep").circuitState());
        assertEquals(0L, h.engine.faults().count());
    }
}
