package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.HealingHandler;
import io.selfheal.bootstrap.Retry;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.events.Event;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The engine's decisions, driven directly with a fake clock: no agent, no sleeps. */
class HealingEngineTest {

    static final class FakeClock implements Clock {
        long nanos;
        final List<Long> sleeps = new ArrayList<>();
        boolean interruptSleeps;

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public long currentTimeMillis() {
            return 1_000_000 + nanos / 1_000_000;
        }

        @Override
        public boolean sleep(long millis) {
            sleeps.add(millis);
            nanos += millis * 1_000_000;
            return !interruptSleeps;
        }
    }

    private final List<Event> events = new ArrayList<>();
    private final FakeClock clock = new FakeClock();

    private HealingEngine engine(String yaml) throws Exception {
        AgentConfig c = ConfigLoader.parse(yaml, "test.yaml");
        return new HealingEngine(c, events::add, clock);
    }

    private List<String> types() {
        return events.stream().map(e -> e.type().wireName()).collect(Collectors.toList());
    }

    /** Plays the woven code's loop against the engine. */
    private Object call(HealingEngine e, int site, Object self, Object[] args, Body body) throws Throwable {
        Object token = e.enter(site, self);
        while (true) {
            try {
                Object v = body.run();
                e.success(site, token);
                return v;
            } catch (Throwable t) {
                Object r = e.failure(site, token, self, t, args);
                if (r instanceof Retry) {
                    token = r;
                    continue;
                }
                if (r == Healing.RETHROW) {
                    throw t;
                }
                return r;
            }
        }
    }

    interface Body {
        Object run() throws Throwable;
    }

    @Test
    void retryWithBackoffHealsAndCountsOnce() throws Throwable {
        HealingEngine e = engine("""
                targets:
                  - name: t
                    class: A
                    retry: { max-attempts: 4, backoff: { initial: 100ms, max: 250ms, multiplier: 2.0, jitter: 0 } }
                """);
        int site = e.registerSite("t", "A", "m", "()Ljava/lang/String;", getClass().getClassLoader(), List.of());
        int[] runs = {0};
        Object v = call(e, site, null, new Object[0], () -> {
            if (++runs[0] < 4) {
                throw new IOException("x" + runs[0]);
            }
            return "ok";
        });
        assertEquals("ok", v);
        assertEquals(List.of(100L, 200L, 250L), clock.sleeps, "exponential, capped at max");
        TargetStats s = e.target("t").stats();
        assertEquals(1, s.calls.sum());
        assertEquals(3, s.failures.sum());
        assertEquals(3, s.retries.sum());
        assertEquals(1, s.healed.sum());
        assertEquals("healed", types().get(types().size() - 1));
        assertEquals(4, events.get(events.size() - 1).get("attempt"));
        assertEquals(550L, events.get(events.size() - 1).get("durationMs"));
    }

    @Test
    void jitterStaysWithinItsBandAndTheCap() {
        Backoff b = new Backoff(new io.selfheal.runtime.config.BackoffConfig(
                java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(1000), 2.0, 0.5));
        assertEquals(50, b.delayMillis(1, 0.0));
        assertEquals(150, b.delayMillis(1, 1.0));
        assertEquals(1000, b.delayMillis(5, 1.0), "capped at max even with jitter");
        for (int i = 0; i < 1000; i++) {
            long d = b.delayMillis(2);
            assertTrue(d >= 100 && d <= 300, "delay " + d);
        }
    }

    @Test
    void whenRetriesAreExhaustedTheFallbackChainAnswersInOrder() throws Throwable {
        HealingEngine e = engine("""
                targets:
                  - name: t
                    class: A
                    retry: { max-attempts: 2, backoff: { initial: 1ms } }
                    fallback:
                      - method: io.selfheal.runtime.engine.HealingEngineTest#brokenFallback
                      - value: 42
                      - empty: true
                """);
        int site = e.registerSite("t", "A", "m", "(Ljava/lang/String;)I", getClass().getClassLoader(),
                e.target("t").config().fallback());
        Object v = call(e, site, null, new Object[] {"k"}, () -> {
            throw new IOException("down");
        });
        assertEquals(42, v);
        assertEquals(List.of("error-detected", "retry", "error-detected", "fallback", "fallback", "healed"), types());
        assertEquals("failed", events.get(3).get("outcome"));
        assertEquals("fallback", events.get(5).get("strategy"));
        Object again = call(e, site, null, new Object[] {"k"}, () -> {
            throw new IOException("down");
        });
        assertSame(v, again, "a constant fallback is converted once and reused");
    }

    public static int brokenFallback(String key) {
        throw new IllegalStateException("broken");
    }

    @Test
    void anIgnoredExceptionIsRethrownUnchangedWithoutRetry() throws Throwable {
        HealingEngine e = engine("""
                targets:
                  - name: t
                    class: A
                    retry: { max-attempts: 5, on: [ java.io.IOException ], ignore: [ java.io.FileNotFoundException ] }
                """);
        int site = e.registerSite("t", "A", "m", "()V", null, List.of());
        FileNotFoundException thrown = new FileNotFoundException("f");
        Object r = e.failure(site, null, null, thrown, new Object[0]);
        assertSame(Healing.RETHROW, r);
        assertEquals(List.of("error-detected", "healing-failed"), types());
        assertEquals(1, e.target("t").stats().unhealed.sum());
    }

    @Test
    void anInterruptedBackoffStopsRetryingAndGoesOnToTheFallback() throws Throwable {
        HealingEngine e = engine("""
                targets:
                  - name: t
                    class: A
                    retry: { max-attempts: 5 }
                    fallback: [ { value: "fb" } ]
                """);
        int site = e.registerSite("t", "A", "m", "()Ljava/lang/String;", getClass().getClassLoader(),
                e.target("t").config().fallback());
        clock.interruptSleeps = true;
        Object r = e.failure(site, null, null, new IOException(), new Object[0]);
        assertEquals("fb", r);
        assertEquals(0, e.target("t").stats().retries.sum());
    }

    @Test
    void theSuccessPathOfACallThatNeverFailedReturnsNoTokenAndEmitsNothing() throws Exception {
        HealingEngine e = engine("targets: [ { name: t, class: A, retry: {} } ]");
        int site = e.registerSite("t", "A", "m", "()V", null, List.of());
        assertNull(e.enter(site, null));
        e.success(site, null);
        assertTrue(events.isEmpty());
        assertEquals(1, e.target("t").stats().calls.sum());
    }

    @Test
    void aFaultInsideTheHandlerIsReportedOnceAndTheCallGoesOnUnwoven() {
        List<String> faults = new ArrayList<>();
        HealingHandler exploding = new HealingHandler() {
            @Override
            public Object enter(int site, Object self) {
                throw new IllegalStateException("enter broke");
            }

            @Override
            public Object shortCircuit(int site, Object self, Object[] arguments) {
                throw new IllegalStateException("sc broke");
            }

            @Override
            public void success(int site, Object token) {
                throw new IllegalStateException("success broke");
            }

            @Override
            public Object failure(int site, Object token, Object self, Throwable thrown, Object[] arguments) {
                throw new IllegalStateException("failure broke");
            }

            @Override
            public void fault(String where, Throwable fault) {
                faults.add(where);
            }
        };
        Healing.install(exploding);
        try {
            assertNull(Healing.enter(0, null));
            assertSame(Healing.PROCEED, Healing.shortCircuit(0, null, null));
            Healing.success(0, null);
            assertSame(Healing.RETHROW, Healing.failure(0, null, null, new IOException(), new Object[0]));
            assertEquals(List.of("enter", "short-circuit", "success", "failure"), faults);
        } finally {
            Healing.install(null);
        }
    }

    @Test
    void agentFaultsAreLoggedOncePerKindAndAllCounted() throws Exception {
        HealingEngine e = engine("targets: []");
        for (int i = 0; i < 3; i++) {
            e.fault("enter", new IllegalStateException("x"));
        }
        e.fault("success", new IllegalStateException("y"));
        assertEquals(List.of("agent-fault", "agent-fault"), types());
        assertEquals(4, e.faults().count());
    }
}
