package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.Retry;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code strategy: adaptive} on the engine's failure path, and the failure streak, with a fake clock. */
class AdaptiveHealingTest {
    private final EngineFixture fixture = new EngineFixture();
    private final List<Event> events = fixture.events;
    private final HealingEngineTest.FakeClock clock = fixture.clock;

    private HealingEngine engine(String yaml) throws Exception {
        return fixture.engine(yaml);
    }

    private List<Event> of(EventType t) {
        return fixture.of(t);
    }

    /** One call against the engine, as the woven code makes it; the body fails while {@code failing} says so. */
    private Object call(HealingEngine e, int site, int[] runs, java.util.function.IntPredicate failing) throws Throwable {
        Object token = e.enter(site, null);
        while (true) {
            int run = ++runs[0];
            if (!failing.test(run)) {
                e.success(site, token);
                return "live";
            }
            Throwable t = new ConnectException("down");
            Object r = e.failure(site, token, null, t, new Object[0]);
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

    @Test
    void anOutageTeachesItToAnswerWithTheFallbackWithoutRetrying() throws Throwable {
        HealingEngine e = engine("""
                targets:
                  - name: t
                    class: A
                    strategy: adaptive
                    candidates: [ retry, fallback ]
                    exploration: 0
                    retry: { max-attempts: 3, backoff: { initial: 10ms, jitter: 0 } }
                    fallback: [ { value: "cached" } ]
                """);
        int site = e.registerSite("t", "A", "m", "()Ljava/lang/String;", getClass().getClassLoader(),
                e.target("t").config().fallback());
        int[] runs = {0};
        for (int i = 0; i < 10; i++) {
            assertEquals("cached", call(e, site, runs, run -> true));
        }
        List<Event> detected = of(EventType.ERROR_DETECTED);
        assertEquals("retry", detected.get(0).get("choice"), "every candidate is tried once first");
        Event last = of(EventType.HEALED).get(of(EventType.HEALED).size() - 1);
        assertEquals("fallback", last.get("choice"), last.toString());
        assertTrue(((String) last.get("choiceReason")).startsWith("best against java.net.ConnectException: fallback"
                + " healed"), last.toString());
        // the first call retried twice (3 runs), the nine others ran once each
        assertEquals(12, runs[0]);
        assertEquals(2, e.target("t").stats().retries.sum());
    }

    @Test
    void aTransientGlitchTeachesItToRetryWhenTheFallbackCannotAnswer() throws Throwable {
        HealingEngine e = engine("""
                targets:
                  - name: t
                    class: A
                    strategy: adaptive
                    candidates: [ fallback, retry ]
                    exploration: 0
                    retry: { max-attempts: 3, backoff: { initial: 10ms, jitter: 0 } }
                """);
        int site = e.registerSite("t", "A", "m", "()Ljava/lang/String;", getClass().getClassLoader(), List.of());
        int[] runs = {0};
        int[] callStart = {0};
        int rethrown = 0;
        for (int i = 0; i < 6; i++) {
            callStart[0] = runs[0];
            try {
                assertEquals("live", call(e, site, runs, run -> run == callStart[0] + 1));   // first run fails
            } catch (ConnectException expected) {
                rethrown++;
            }
        }
        assertEquals(1, rethrown, "only the first call, which tried the fallback (none configured), failed");
        assertEquals("retry", of(EventType.HEALED).get(of(EventType.HEALED).size() - 1).get("choice"));
        assertEquals(0, e.target("t").consecutiveFailures(), "the last run succeeded");
    }

    @Test
    void consecutiveFailuresCountRunsThatFailedSinceTheLastOneThatDidNot() throws Throwable {
        HealingEngine e = engine("targets: [ { name: t, class: A } ]");
        int site = e.registerSite("t", "A", "m", "()V", null, List.of());
        int[] runs = {0};
        for (int i = 0; i < 3; i++) {
            try {
                call(e, site, runs, run -> true);
            } catch (ConnectException expected) {
                // rethrown: nothing heals
            }
        }
        assertEquals(3, e.target("t").consecutiveFailures());
        call(e, site, runs, run -> false);
        assertEquals(0, e.target("t").consecutiveFailures());
    }
}
