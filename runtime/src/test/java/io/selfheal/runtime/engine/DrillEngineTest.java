package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.Injection;
import io.selfheal.bootstrap.Retry;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Drills driven through the engine's four entry points as woven code calls them, on a manual clock. */
class DrillEngineTest {
    private final ManualClock clock = new ManualClock();
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

    private static final String TARGETS = """
            targets:
              - name: retried
                class: io.selfheal.test.Subject
                retry: { max-attempts: 3, backoff: { initial: 10ms, max: 10ms, jitter: 0 } }
              - name: bare
                class: io.selfheal.test.Bare
              - name: fallen
                class: io.selfheal.test.Fallen
                fallback: [ { value: "fb" } ]
              - name: guarded
                class: io.selfheal.test.Guarded
                circuit-breaker: { failure-threshold: 2, window: 4, open-for: 1h }
                fallback: [ { value: "cached" } ]
            """;

    private HealingEngine engine(String drills) throws Exception {
        return engine(drills, clock);
    }

    private HealingEngine engine(String drills, io.selfheal.runtime.time.Clock c) throws Exception {
        AgentConfig config = ConfigLoader.parse(drills + "\n" + TARGETS, "test.yaml");
        return new HealingEngine(config, events::add, c);
    }

    private static int site(HealingEngine e, String target, String descriptor) {
        return e.registerSite(target, "io.selfheal.test.Subject", "call", descriptor,
                DrillEngineTest.class.getClassLoader(), e.target(target).config().fallback());
    }

    /** What the woven method does around {@code body}, the drill's Injection included. */
    private static Object call(HealingEngine e, int site, Callable<Object> body) throws Throwable {
        Object ctx = e.enter(site, null);
        Throwable injected = null;
        if (ctx == Healing.SHORT_CIRCUIT) {
            Object v = e.shortCircuit(site, null, null);
            if (v == Healing.NEEDS_ARGUMENTS) {
                v = e.shortCircuit(site, null, new Object[0]);
            }
            if (v instanceof Injection in) {
                ctx = in.token;
                injected = in.fault;
            } else if (v != Healing.PROCEED) {
                return v;
            }
        }
        while (true) {
            Object result;
            try {
                if (injected != null) {
                    Throwable t = injected;
                    injected = null;
                    throw t;
                }
                result = body.call();
            } catch (Throwable t) {
                Object decision = e.failure(site, ctx, null, t, new Object[0]);
                if (decision instanceof Retry) {
                    ctx = decision;
                    continue;
                }
                if (decision == Healing.RETHROW) {
                    throw t;
                }
                return decision;
            }
            e.success(site, ctx);
            return result;
        }
    }

    private static String outcome(HealingEngine e, int site, Callable<Object> body) {
        try {
            return String.valueOf(call(e, site, body));
        } catch (Throwable t) {
            return "threw " + t.getClass().getName() + ":" + t.getMessage();
        }
    }

    private static DrillReport stop(HealingEngine e, String target) throws InterruptedException {
        Drill d = e.drills().stop(target, "drill-stop");
        return d.awaitReport(10_000);
    }

    @Test
    void aDrillIsRefusedWithTheReasonUnlessTheConfigEnablesDrills() throws Exception {
        HealingEngine e = engine("");
        Drills.Refused refused = assertThrows(Drills.Refused.class, () -> e.drills().start(e.target("bare"),
                DrillSpec.parse(List.of("--throw", "java.io.IOException"))));
        assertTrue(refused.getMessage().contains("drills.enabled"), refused.getMessage());
        int site = site(e, "bare", "()Ljava/lang/String;");
        assertNull(e.enter(site, null), "no drill: the call enters as any other");
    }

    @Test
    void aThrowDrillOnARetriedTargetHealsEveryTouchedCallAndCountsThemApart() throws Exception {
        HealingEngine e = engine("drills: { enabled: true, max-rate: 1 }");
        int site = site(e, "retried", "()Ljava/lang/String;");
        e.drills().start(e.target("retried"), DrillSpec.parse(List.of("--throw", "java.io.IOException:drill-boom",
                "--rate", "0.5")));
        for (int i = 0; i < 20; i++) {
            assertEquals("ok", outcome(e, site, () -> "ok"), "the retry re-runs the body, not the injection");
        }
        DrillReport r = stop(e, "retried");
        assertEquals("drill-stop", r.ended());
        assertEquals(20, r.calls());
        assertEquals(10, r.touched(), "one call in two, counted, not drawn");
        assertEquals(10, r.healed());
        assertEquals(Map.of("retry", 10L), r.healedBy());
        assertEquals(0, r.unhealed());
        assertEquals(10, r.healMillisP50(), "the backoff, on the manual clock");
        assertEquals(10, e.target("retried").stats().drillFaults.sum());
        assertEquals(0, e.target("retried").stats().failures.sum(), "a drill's faults are not failures");
        long healedEvents = events.stream().filter(ev -> ev.type() == EventType.HEALED).count();
        assertEquals(10, healedEvents);
        assertTrue(events.stream().filter(ev -> ev.type() == EventType.HEALED)
                .allMatch(ev -> ev.toJson().contains("\"drill\":true")));
        assertTrue(events.stream().anyMatch(ev -> ev.type() == EventType.DRILL_STARTED));
        assertTrue(events.stream().anyMatch(ev -> ev.type() == EventType.DRILL_ENDED
                && ev.toJson().contains("\"healed\":10")));
    }

    @Test
    void withoutHealingTheInjectedExceptionReachesTheCallerAndEveryTouchedCallIsUnhealed() throws Exception {
        HealingEngine e = engine("drills: { enabled: true, max-rate: 1 }");
        int site = site(e, "bare", "()Ljava/lang/String;");
        Drill d = e.drills().start(e.target("bare"), DrillSpec.parse(List.of("--throw", "java.io.IOException:drill x",
                "--calls", "3")));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.add(outcome(e, site, () -> "ok"));
        }
        assertEquals(List.of("threw java.io.IOException:drill x", "threw java.io.IOException:drill x",
                "threw java.io.IOException:drill x", "ok", "ok"), outcomes, "--calls 3 ends the drill");
        DrillReport r = d.awaitReport(10_000);
        assertEquals("calls", r.ended());
        assertEquals(3, r.touched());
        assertEquals(3, r.unhealed());
        assertEquals(0, r.healed());
        assertEquals(0, e.target("bare").stats().unhealed.sum(), "nor counted as the target's unhealed");
    }

    @Test
    void aReturnDrillAnswersTheLiteralAsTheReturnTypeWithoutTheBody() throws Throwable {
        HealingEngine e = engine("drills: { enabled: true, max-rate: 1 }");
        int text = site(e, "bare", "()Ljava/lang/String;");
        e.drills().start(e.target("bare"), DrillSpec.parse(List.of("--return", "42")));
        assertEquals("42", outcome(e, text, () -> {
            throw new AssertionError("the body does not run");
        }));
        stop(e, "bare");
        int number = e.registerSite("bare", "io.selfheal.test.Subject", "price", "()I",
                getClass().getClassLoader(), List.of());
        e.drills().start(e.target("bare"), DrillSpec.parse(List.of("--return", "42")));
        assertEquals(42, call(e, number, () -> 7));
        DrillReport r = stop(e, "bare");
        assertEquals(1, r.touched());
        assertEquals(1, r.unhealed(), "nothing heals an answer: the literal reached the caller");
    }

    @Test
    void anInterruptedLatencyIsAFailureTheFallbackHealsAndAnUninterruptedOneRunsTheBody() throws Exception {
        HealingEngineTest.FakeClock interrupting = new HealingEngineTest.FakeClock();
        interrupting.interruptSleeps = true;   // as the timeout's alarm does to a slow call
        HealingEngine e = engine("drills: { enabled: true, max-rate: 1 }", interrupting);
        int site = site(e, "fallen", "()Ljava/lang/String;");
        e.drills().start(e.target("fallen"), DrillSpec.parse(List.of("--latency", "300ms")));
        assertEquals("fb", outcome(e, site, () -> "ok"));
        assertEquals(List.of(300L), interrupting.sleeps);
        DrillReport r = stop(e, "fallen");
        assertEquals(Map.of("fallback", 1L), r.healedBy());
        List<Event> fallbacks = events.stream().filter(ev -> ev.type() == EventType.FALLBACK).toList();
        assertEquals(1, fallbacks.size(), events.toString());
        assertEquals(Boolean.TRUE, fallbacks.get(0).get("drill"), "the touched call's fallback event is marked");

        HealingEngine plain = engine("drills: { enabled: true, max-rate: 1 }");
        int other = site(plain, "fallen", "()Ljava/lang/String;");
        plain.drills().start(plain.target("fallen"), DrillSpec.parse(List.of("--latency", "300ms")));
        assertEquals("ok", outcome(plain, other, () -> "ok"), "the body runs after the wait");
        assertEquals(List.of(300L), clock.sleeps);
        assertEquals(1, stop(plain, "fallen").unhealed(), "the latency reached the caller: nothing acted on it");
    }

    @Test
    void untouchedCallsThatFailAnywayAreCountedAndOneDrillRunsPerTarget() throws Exception {
        HealingEngine e = engine("drills: { enabled: true, max-rate: 0.5 }");
        int site = site(e, "bare", "()Ljava/lang/String;");
        Drill d = e.drills().start(e.target("bare"), DrillSpec.parse(List.of("--throw", "java.lang.IllegalStateException")));
        assertEquals(0.5, d.rate(), "capped by max-rate");
        assertThrows(Drills.Refused.class, () -> e.drills().start(e.target("bare"),
                DrillSpec.parse(List.of("--latency", "1s"))));
        for (int i = 0; i < 4; i++) {
            outcome(e, site, () -> {
                throw new IOException("real");
            });
        }
        DrillReport r = stop(e, "bare");
        assertEquals(2, r.touched());
        assertEquals(2, r.untouchedFailures());
        assertEquals(2, e.target("bare").stats().failures.sum(), "real failures still count");
    }

    @Test
    void aTouchedCallTheOpenCircuitRefusesIsHealedByTheShortCircuitsFallback() throws Exception {
        HealingEngine e = engine("drills: { enabled: true, max-rate: 1 }");
        int site = site(e, "guarded", "()Ljava/lang/String;");
        Drill d = e.drills().start(e.target("guarded"), DrillSpec.parse(List.of("--throw", "java.io.IOException",
                "--calls", "5")));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.add(outcome(e, site, () -> "live"));
        }
        assertEquals(List.of("cached", "cached", "cached", "cached", "cached"), outcomes);
        DrillReport r = d.awaitReport(10_000);
        assertEquals(5, r.healed());
        assertEquals(Map.of("fallback", 2L, "short-circuit", 3L), r.healedBy(),
                "two faults open the circuit; the next three are refused and answered by the fallback");
        assertEquals("OPEN", e.target("guarded").circuitState().name(), "the guards see a drill's faults");
    }

    @Test
    void aFaultThatCannotBeMadeEndsTheDrillWithTheReasonAndTheCallRunsUntouched() throws Exception {
        HealingEngine e = engine("drills: { enabled: true, max-rate: 1 }");
        int site = site(e, "bare", "()Ljava/lang/String;");
        Drill d = e.drills().start(e.target("bare"), DrillSpec.parse(List.of("--throw", "com.example.NoSuchException")));
        assertEquals("ok", outcome(e, site, () -> "ok"));
        DrillReport r = d.awaitReport(10_000);
        assertTrue(r.ended().startsWith("the fault cannot be made: java.lang.ClassNotFoundException"), r.ended());
        assertEquals(0, r.touched());
    }

    @Test
    void aReloadEndsEveryDrill() throws Exception {
        HealingEngine e = engine("drills: { enabled: true }");
        Drill d = e.drills().start(e.target("bare"), DrillSpec.parse(List.of("--latency", "1s", "--for", "1m")));
        assertEquals(java.time.Duration.ofMinutes(1).toNanos(), d.forNanos(), "max-duration's default 1m");
        e.drills().reconfigure(null);
        assertEquals("config-reload", d.awaitReport(10_000).ended());
        assertSame(null, e.target("bare").drill());
    }
}
