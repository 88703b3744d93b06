package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.bootstrap.RateLimitedException;
import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.RateLimitConfig;
import io.selfheal.runtime.events.Event;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code rate-limit:} with a hand-moved clock: the bucket, the refusal's answer, its count and event. */
class RateLimitTest {

    private static RateLimiter limiter(ManualClock clock, int permits, String per, int burst, long waitMillis) {
        return new RateLimiter(new RateLimitConfig(permits, Duration.parse("PT" + per), burst,
                Duration.ofMillis(waitMillis)), clock);
    }

    @Test
    void everyWindowOfOnePeriodGetsThePermitsWithinOne() {
        ManualClock clock = new ManualClock();
        RateLimiter l = limiter(clock, 10, "1S", 0, 0);
        // A call every millisecond for 10 s; count the permits in every 1 s window, at each millisecond's start.
        int millis = 10_000;
        boolean[] granted = new boolean[millis];
        for (int i = 0; i < millis; i++) {
            granted[i] = l.take() == 0;
            clock.advanceMillis(1);
        }
        for (int start = 0; start + 1000 <= millis; start++) {
            int n = 0;
            for (int i = start; i < start + 1000; i++) {
                n += granted[i] ? 1 : 0;
            }
            assertTrue(n == 10 || n == 11, "window at " + start + " ms let " + n + " calls in");
        }
    }

    @Test
    void aQuietTargetSpendsItsBurstAtOnceThenTheSteadyRate() {
        ManualClock clock = new ManualClock();
        RateLimiter l = limiter(clock, 10, "1S", 5, 0);
        int atOnce = 0;
        for (int i = 0; i < 20; i++) {
            atOnce += l.take() == 0 ? 1 : 0;
        }
        assertEquals(6, atOnce, "burst 5 beyond the one due now");
        assertEquals(100, l.nanosToNextPermit() / 1_000_000, "the next one a tenth of a second later");
        clock.advanceMillis(99);
        assertEquals(-1, l.take());
        clock.advanceMillis(1);
        assertEquals(0, l.take());
        assertEquals(-1, l.take());
        clock.advanceMillis(10_000);   // quiet again: the bucket fills to burst + 1, no more
        atOnce = 0;
        for (int i = 0; i < 20; i++) {
            atOnce += l.take() == 0 ? 1 : 0;
        }
        assertEquals(6, atOnce);
    }

    @Test
    void aCallWaitsUpToWaitForItsPermit() {
        ManualClock clock = new ManualClock();
        RateLimiter l = limiter(clock, 10, "1S", 0, 150);
        assertEquals(0, l.take());
        assertEquals(100_000_000L, l.take(), "the next permit is 100 ms away: taken, to be waited for");
        assertEquals(-1, l.take(), "200 ms away is beyond wait: refused, nothing taken");
        clock.advanceMillis(100);
        assertEquals(100_000_000L, l.take());
    }

    @Test
    void aPermitGivenBackIsThereForTheNextCallButTheBucketNeverOverfills() {
        ManualClock clock = new ManualClock();
        RateLimiter l = limiter(clock, 10, "1S", 0, 0);
        assertEquals(0, l.take());
        l.giveBack();
        assertEquals(0, l.take());
        assertEquals(-1, l.take());
        l.giveBack();
        l.giveBack();   // a full bucket stays full
        assertEquals(0, l.take());
        assertEquals(-1, l.take());
    }

    @Test
    void aRefusedCallGetsTheFallbackOrRateLimitedExceptionCountedAndReportedOnceASecond() throws Throwable {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: quota
                    class: A
                    rate-limit: { permits: 2, per: 1s }
                  - name: quota-with-fallback
                    class: B
                    rate-limit: { permits: 2, per: 1s }
                    fallback:
                      - value: "n/a"
                """);
        int plain = h.site("quota");
        int answered = h.site("quota-with-fallback");
        assertEquals("ok", h.call(plain, EngineHarness.ok()));
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> h.call(plain, EngineHarness.ok()));
        assertEquals("quota", e.getTarget());
        assertEquals(h.clock.currentTimeMillis() + 500, e.getNextPermitEpochMillis(), "the next permit half a second on");
        assertTrue(e.getMessage().contains("'quota'") && e.getMessage().contains("2 per 1s"), e.getMessage());
        assertThrows(RateLimitedException.class, () -> h.call(plain, EngineHarness.ok()));
        assertEquals(2, h.target("quota").stats().rateLimited.sum());
        assertEquals(2, h.target("quota").stats().shortCircuits.sum());

        assertEquals("ok", h.call(answered, EngineHarness.ok()));
        assertEquals("n/a", h.call(answered, EngineHarness.ok()));
        assertEquals(1, h.target("quota-with-fallback").stats().fallbacks.sum());

        List<Event> limited = h.ofType("rate-limited");
        assertEquals(2, limited.size(), "one per target: the second refusal of quota falls within the same second");
        assertEquals("exception", limited.get(0).get("answer"));
        assertEquals(1L, limited.get(0).get("count"));
        assertEquals("rate-limit", limited.get(0).get("strategy"));
        assertEquals("fallback", limited.get(1).get("answer"));

        h.clock.advanceMillis(1000);
        assertEquals("ok", h.call(plain, EngineHarness.ok()), "one permit every half second, none banked (burst 0)");
        assertThrows(RateLimitedException.class, () -> h.call(plain, EngineHarness.ok()));
        limited = h.ofType("rate-limited");
        assertEquals(3, limited.size());
        assertEquals(2L, limited.get(2).get("count"), "the refusal not reported in the last second, and this one");
    }

    /** The fallback method of the test below. */
    static String cached() {
        return "cached";
    }

    @Test
    void aFallbackMethodThatNeedsTheArgumentsAnswersARefusedCallAndTheBodyDoesNotRun() throws Throwable {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: t
                    class: A
                    rate-limit: { permits: 1, per: 1h }
                    fallback:
                      - method: io.selfheal.runtime.engine.RateLimitTest#cached
                """);
        int site = h.site("t");
        int[] runs = {0};
        assertEquals("ran", h.call(site, () -> {
            runs[0]++;
            return "ran";
        }));
        for (int i = 0; i < 3; i++) {
            assertEquals("cached", h.call(site, () -> {
                runs[0]++;
                return "ran";
            }), "asked twice (first without the arguments), the refusal holds");
        }
        assertEquals(1, runs[0]);
        assertEquals(3, h.target("t").stats().rateLimited.sum());
    }

    @Test
    void aRateLimitedCallIsNotOneOfTheCircuitsCallsAndAnOpenCircuitGivesThePermitBack() throws Throwable {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: t
                    class: A
                    rate-limit: { permits: 1, per: 1s }
                    circuit-breaker: { failure-rate: 0.5, minimum-calls: 2, window: 2, open-for: 10s }
                """);
        int site = h.site("t");
        assertEquals("ok", h.call(site, EngineHarness.ok()));
        for (int i = 0; i < 5; i++) {
            assertThrows(RateLimitedException.class, () -> h.call(site, EngineHarness.ok()));
        }
        assertEquals(CircuitState.CLOSED, h.target("t").circuitState());
        assertEquals(0, h.target("t").failuresInWindow());
        h.target("t").openCircuit();
        h.clock.advanceMillis(1000);
        for (int i = 0; i < 3; i++) {
            assertEquals("threw CircuitOpenException", h.outcome(site, EngineHarness.ok()));
        }
        h.target("t").resetCircuit();
        assertEquals("ok", h.call(site, EngineHarness.ok()), "the open circuit's refusals gave their permits back");
        assertEquals("threw RateLimitedException", h.outcome(site, EngineHarness.ok()));
    }

    @Test
    void aRetryRunsOnTheCallsPermit() throws Throwable {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: t
                    class: A
                    rate-limit: { permits: 1, per: 1s }
                    retry: { max-attempts: 3, backoff: { initial: 1ms, jitter: 0 } }
                """);
        int site = h.site("t");
        int[] runs = {0};
        assertEquals("ok", h.call(site, () -> {
            if (++runs[0] < 3) {
                throw new IOException("busy");
            }
            return "ok";
        }));
        assertEquals(3, runs[0]);
        assertEquals(0, h.target("t").stats().rateLimited.sum());
    }

    @Test
    void badValuesAreRejectedWithTheirKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                targets:
                  - class: A
                    rate-limit: { per: 0s, burst: -1, wiat: 1ms }
                """, "t.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("rate-limit.permits") && m.contains("is required"), m);
        assertTrue(m.contains("rate-limit.per") && m.contains("more than 0"), m);
        assertTrue(m.contains("rate-limit.burst"), m);
        assertTrue(m.contains("wiat"), m);
        assertFalse(m.contains("rate-limit.wait"), m);
    }
}
