package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.bootstrap.ConcurrencyLimitedException;
import io.selfheal.bootstrap.Healing;
import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.HealthConfig;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.health.HealthMonitor;
import io.selfheal.runtime.http.PrometheusText;
import io.selfheal.runtime.jmx.TargetBean;
import io.selfheal.runtime.lookahead.EnginePolicyActions;
import io.selfheal.runtime.rules.Metric;
import io.selfheal.runtime.rules.PolicyAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code concurrency-limit:} in the engine: admission, refusal, its counts, events, by-hand setting and its config. */
class ConcurrencyLimitStageTest {
    private static EngineHarness harness(String block, boolean fallback) {
        return new EngineHarness("targets:\n  - name: dep\n    class: io.selfheal.test.Subject\n"
                + "    concurrency-limit: " + block + "\n"
                + (fallback ? "    fallback: [ { value: limited } ]\n" : ""));
    }

    @Test
    void callsBeyondTheLimitGetTheFallbackAndEveryCountAddsUp() throws Throwable {
        EngineHarness h = harness("{ initial: 2, min: 1, max: 10 }", true);
        int site = h.site("dep");
        TargetRuntime t = h.target("dep");
        Object a = h.engine.enter(site, null);
        Object b = h.engine.enter(site, null);
        assertEquals(2, t.inFlight());
        assertEquals("limited", h.outcome(site, EngineHarness.ok()));
        assertEquals("limited", h.outcome(site, EngineHarness.ok()));
        h.engine.success(site, a);
        assertEquals("ok", h.outcome(site, EngineHarness.ok()));
        assertEquals("limited", h.engine.failure(site, b, null, new IOException(), new Object[0]));
        assertEquals(0, t.inFlight());
        assertEquals(2, t.concurrencyLimitedCalls());
        assertEquals(2, t.stats().shortCircuits.sum());
        assertEquals(3, t.stats().fallbacks.sum(), "two refusals and the failure of b");
        assertEquals(5, t.stats().calls.sum());
        List<Event> sc = h.ofType("short-circuited");
        assertEquals("concurrency-limited", sc.get(0).get("reason"));
        assertEquals("concurrency-limit", sc.get(0).get("strategy"));
    }

    @Test
    void withoutAFallbackTheRefusalIsConcurrencyLimitedExceptionNamingTargetAndLimit() {
        EngineHarness h = harness("{ initial: 1 }", false);
        int site = h.site("dep");
        h.engine.enter(site, null);
        assertEquals(Healing.SHORT_CIRCUIT, h.engine.enter(site, null));
        ConcurrencyLimitedException e = assertThrows(ConcurrencyLimitedException.class,
                () -> h.engine.shortCircuit(site, null, new Object[0]));
        assertEquals("dep", e.getTarget());
        assertEquals(1, e.getLimit());
        assertTrue(e.getMessage().contains("'dep'") && e.getMessage().contains("1"), e.getMessage());
        assertTrue(RuntimeException.class.isInstance(e));
    }

    @Test
    void aRetryKeepsItsSlotAndTheSlotIsGivenBackOnce() {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: dep
                    class: io.selfheal.test.Subject
                    concurrency-limit: { initial: 1, min: 1, max: 1 }
                    retry: { max-attempts: 3, backoff: { initial: 1ms } }
                """);
        int site = h.site("dep");
        int[] runs = {0};
        assertEquals("ok", h.outcome(site, () -> {
            if (++runs[0] < 3) {
                throw new IOException("flaky");
            }
            assertEquals(1, h.target("dep").inFlight());
            return "ok";
        }));
        assertEquals(0, h.target("dep").inFlight());
        assertEquals("ok", h.outcome(site, EngineHarness.ok()));
    }

    @Test
    void anAsynchronousCompletionEndsTheRunInOneCall() {
        EngineHarness h = harness("{ initial: 1, min: 1, max: 1 }", true);
        int site = h.site("dep");
        TargetRuntime t = h.target("dep");
        ConcurrencyLimitStage stage = null;
        for (Stage s : t.stages()) {
            if (s instanceof ConcurrencyLimitStage c) {
                stage = c;
            }
        }
        Object ticket = h.engine.enter(site, null);
        assertEquals(1, t.inFlight());
        assertEquals(Healing.SHORT_CIRCUIT, h.engine.enter(site, null));
        stage.runEnded((Ticket) ticket, new IOException("completed exceptionally"));
        assertEquals(0, t.inFlight());
        assertNotEquals(Healing.SHORT_CIRCUIT, h.engine.enter(site, null));
    }

    @Test
    void aBulkheadBesideTheLimitAndIsolateWithoutABulkheadKeepTheirOwnBooks() {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: dep
                    class: io.selfheal.test.Subject
                    concurrency-limit: { initial: 3, min: 1, max: 3 }
                    isolate: { after: 100 }
                """);
        int site = h.site("dep");
        for (int i = 0; i < 5; i++) {
            assertEquals("ok", h.outcome(site, EngineHarness.ok()));
            assertEquals("threw IOException", h.outcome(site, EngineHarness.failing(new IOException())));
        }
        assertEquals(0, h.target("dep").inFlight());
    }

    @Test
    void theLimitLearnsFromLatencyAndLimitChangedIsAtMostOnceASecondForMovesOfTenPercent() {
        EngineHarness h = harness("{ initial: 60, min: 1, max: 200 }", true);
        int site = h.site("dep");
        TargetRuntime t = h.target("dep");
        // Rounds of calls that run together: as many as the limit admits of 64 callers, all taking
        // 10 ms up to 4 at once and proportionally longer above (a dependency with 4 workers).
        for (int round = 0; round < 400; round++) {
            List<Object> running = new ArrayList<>();
            for (int caller = 0; caller < 64; caller++) {
                Object token = h.engine.enter(site, null);
                if (token == Healing.SHORT_CIRCUIT) {
                    h.engine.shortCircuit(site, null, new Object[0]);
                } else {
                    running.add(token);
                }
            }
            h.clock.advanceMillis(10L * Math.max(1, (running.size() + 3) / 4));
            for (Object token : running) {
                h.engine.success(site, token);
            }
        }
        assertTrue(t.concurrencyLimit() >= 3 && t.concurrencyLimit() <= 8, "limit " + t.concurrencyLimit());
        assertEquals(0, t.inFlight());
        List<Event> changes = h.ofType("limit-changed");
        assertTrue(changes.size() >= 2, changes.toString());
        long last = Long.MIN_VALUE / 2;
        for (Event e : changes) {
            long from = ((Number) e.get("from")).longValue();
            long to = ((Number) e.get("to")).longValue();
            assertTrue(Math.abs(to - from) * 10 >= from, e.toString());
            assertTrue(e.timestampMillis() - last >= 1000, "two reports within a second: " + changes);
            assertEquals("gradient", e.get("algorithm"));
            last = e.timestampMillis();
        }
    }

    @Test
    void onLimitWaitQueuesForAFreedSlotAndGivesUpAfterMaxWait() throws Exception {
        EngineHarness h = harness("{ initial: 1, min: 1, max: 1, on-limit: wait, max-wait: 5s }", true);
        int site = h.site("dep");
        Object holder = h.engine.enter(site, null);
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Object> second = new AtomicReference<>();
        Thread t = new Thread(() -> {
            waiting.countDown();
            second.set(h.engine.enter(site, null));
        });
        t.start();
        waiting.await();
        Thread.sleep(50);   // let it wait: releasing first would only test the fast path
        h.engine.success(site, holder);
        t.join(5000);
        assertNotEquals(Healing.SHORT_CIRCUIT, second.get());
        assertEquals(1, h.target("dep").inFlight());

        EngineHarness shortWait = harness("{ initial: 1, min: 1, max: 1, on-limit: wait, max-wait: 30ms }", true);
        int s2 = shortWait.site("dep");
        shortWait.engine.enter(s2, null);
        long start = System.nanoTime();
        assertEquals("limited", shortWait.outcome(s2, EngineHarness.ok()));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(25), "did not wait");
        assertEquals(1, shortWait.target("dep").concurrencyLimitedCalls());
    }

    @Test
    void setLimitByPolicyIsClampedReportedAndVisibleInJmxMetricsAndLookAhead() throws Exception {
        EngineHarness h = harness("{ initial: 20, min: 2, max: 50 }", true);
        h.site("dep");
        PolicyAction action = PolicyAction.parse("set-limit 500");
        new EnginePolicyActions(h.engine).setLimit("dep", PolicyAction.limitArgument(action.argument()));
        TargetRuntime t = h.target("dep");
        assertEquals(50, t.concurrencyLimit());
        Event e = h.ofType("limit-changed").get(0);
        assertEquals("policy", e.get("by"));
        assertEquals(20, ((Number) e.get("from")).intValue());
        assertEquals(50, ((Number) e.get("to")).intValue());

        TargetBean bean = new TargetBean("dep", h.engine, new HealthMonitor(h.engine, HealthConfig.DEFAULT));
        assertEquals(50, bean.getConcurrencyLimit());
        assertEquals(0, bean.getInFlight());
        String text = PrometheusText.render(h.engine, new HealthMonitor(h.engine, HealthConfig.DEFAULT), "1", 1);
        assertTrue(text.contains("selfheal_concurrency_limit{target=\"dep\"} 50"), text);
        assertTrue(text.contains("selfheal_in_flight{target=\"dep\"} 0"), text);
        assertTrue(text.contains("selfheal_concurrency_limited_total{target=\"dep\"} 0\n"), text);
        assertEquals(Metric.CONCURRENCY_LIMIT, Metric.byName("concurrency-limit"));

        EngineHarness plain = new EngineHarness("targets:\n  - { name: p, class: io.selfheal.test.Subject }\n");
        assertThrows(IllegalStateException.class, () -> new EnginePolicyActions(plain.engine).setLimit("p", 3));
        assertEquals(-1, plain.target("p").concurrencyLimit());
        assertTrue(!PrometheusText.render(plain.engine, new HealthMonitor(plain.engine, HealthConfig.DEFAULT), "1", 1)
                .contains("selfheal_concurrency_limit"));
    }

    @Test
    void setLimitNeedsAWholeNumberOfOneOrMore() {
        assertEquals("10", PolicyAction.parse("set-limit 10").argument());
        for (String bad : new String[] {"set-limit", "set-limit 0", "set-limit ten", "set-limit 1.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyAction.parse(bad));
            assertTrue(e.getMessage().contains("set-limit"), e.getMessage());
        }
    }

    @Test
    void badBlocksAreRejectedWithTheirKey() {
        assertProblem("{ algorithm: bbr }", "concurrency-limit.algorithm");
        assertProblem("{ min: 10, max: 5 }", "concurrency-limit.min");
        assertProblem("{ initial: 300, max: 200 }", "concurrency-limit.initial");
        assertProblem("{ on-limit: queue }", "concurrency-limit.on-limit");
        assertProblem("{ on-limit: wait, max-wait: 0ms }", "concurrency-limit.max-wait");
        assertProblem("{ limit: 5 }", "concurrency-limit.limit");
    }

    private static void assertProblem(String block, String key) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "targets:\n  - name: dep\n    class: io.selfheal.test.Subject\n    concurrency-limit: " + block + "\n",
                "t.yaml"));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
