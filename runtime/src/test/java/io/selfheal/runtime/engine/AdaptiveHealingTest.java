package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.Retry;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code strategy: adaptive} on the engine's failure path, and the failure streak, with a fake clock. */
class AdaptiveHealingTest {
    private final List<Event> events = new ArrayList<>();
    private final HealingEngineTest.FakeClock clock = new HealingEngineTest.FakeClock();

    private HealingEngine engine(String yaml) throws Exception {
        AgentConfig c = ConfigLoader.parse(yaml, "test.yaml");
        return new HealingEngine(c, events::add, clock);
    }

    private List<Event> of(EventType t) {
        return events.stream().filter(e -> e.type() == t).collect(Collectors.toList());
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

    @Test
    void thePolicyActionsMoveTheRealBreakerAndIsolationAndSayWhoDidIt() throws Throwable {
        HealingEngine e = engine("""
                targets:
                  - name: t
                    class: A
                    circuit-breaker: { open-for: 30s }
                    fallback: [ { value: "cached" } ]
                """);
        int site = e.registerSite("t", "A", "m", "()Ljava/lang/String;", getClass().getClassLoader(),
                e.target("t").config().fallback());
        EnginePolicyActions policy = new EnginePolicyActions(e);
        policy.openCircuit("t");
        assertSame(Healing.SHORT_CIRCUIT, e.enter(site, null), "an open circuit short-circuits the woven call");
        assertEquals("policy", of(EventType.CIRCUIT_OPENED).get(0).get("by"));
        policy.closeCircuit("t");
        assertEquals(CircuitState.CLOSED, e.target("t").circuitState());
        assertEquals("policy", of(EventType.CIRCUIT_CLOSED).get(0).get("by"));
        new EnginePolicyActions(e, Initiator.PREDICTION, List.of()).isolate("t");
        assertTrue(e.target("t").isIsolated());
        assertEquals("prediction", of(EventType.ISOLATED).get(0).get("by"));
        policy.release("t");
        assertEquals("policy", of(EventType.RELEASED).get(0).get("by"));
        IllegalStateException noPatching = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> policy.applyPatch("t", "fix-1"));
        assertTrue(noPatching.getMessage().contains("hot patching is not running"), noPatching.getMessage());
        IllegalStateException noCheckpoints = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> policy.restoreCheckpoint("t"));
        assertTrue(noCheckpoints.getMessage().contains("checkpoints:"), noCheckpoints.getMessage());
    }

    @Test
    void rememberedCircuitsAndIsolationsComeBackWithTheirTimes() throws Exception {
        String yaml = """
                targets:
                  - { name: a, class: A, circuit-breaker: { open-for: 60s } }
                  - { name: b, class: B }
                """;
        HealingEngine first = engine(yaml);
        first.target("a").openCircuit(Initiator.POLICY);
        first.target("b").isolate(Initiator.OPERATOR);
        io.selfheal.runtime.state.AgentState saved = RememberedGuards.contribute(
                io.selfheal.runtime.state.AgentState.empty(), first, clock.currentTimeMillis());
        assertEquals("open", saved.circuits().get("a").state());
        assertEquals(clock.currentTimeMillis() + 60_000, saved.circuits().get("a").openUntilMillis());
        assertEquals(0, saved.isolation().get("b").untilMillis(), "until released");

        clock.nanos += 20_000_000_000L;   // a restart 20 s later
        events.clear();
        HealingEngine second = engine(yaml);
        List<String> restored = RememberedGuards.restore(saved, second, clock.currentTimeMillis());
        assertEquals(2, restored.size(), restored.toString());
        assertEquals(CircuitState.OPEN, second.target("a").circuitState());
        assertTrue(second.target("b").isIsolated());
        assertEquals("state-memory", of(EventType.CIRCUIT_OPENED).get(0).get("by"));
        clock.nanos += 39_000_000_000L;
        int site = second.registerSite("a", "A", "m", "()V", null, List.of());
        assertSame(Healing.SHORT_CIRCUIT, second.enter(site, null), "still open: 59 s of its 60 s have passed");
        clock.nanos += 2_000_000_000L;
        assertTrue(second.enter(site, null) != Healing.SHORT_CIRCUIT, "open-for has passed: a probe goes through");
    }
}
