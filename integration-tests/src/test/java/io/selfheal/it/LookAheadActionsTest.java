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
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7's actions in real child JVMs: a policy opens a circuit and isolates a target and the
 * woven calls are then answered without running; a restart with the same state-dir finds them so;
 * a prediction acts on a rising error rate before the breaker trips, and not on a steady low one;
 * adaptive strategies converge on what works for scripted failure modes; {@code level: basic}
 * brings a circuit breaker. No timing is asserted: the apps run until they see what they wait for
 * (or a generous limit), and the tests read the healing log afterwards.
 */
class LookAheadActionsTest {
    private static final String APPS = "io.selfheal.it.apps.lookahead.";

    @TempDir
    Path dir;

    private static List<JsonNode> forTarget(List<JsonNode> events, String target) {
        return events.stream().filter(e -> e.path("target").asText().equals(target)).collect(Collectors.toList());
    }

    private Path config(String name, Path events, String body) throws IOException {
        Path cfg = dir.resolve(name);
        Files.writeString(cfg, "events:\n  file: " + events + "\nstate-dir: " + dir.resolve("state") + "\n" + body);
        return cfg;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aPolicyOpensTheCircuitAndIsolatesAndARestartRemembersBoth(Path jdk) throws IOException {
        String targets = """
                targets:
                  - name: backend
                    class: io.selfheal.it.apps.lookahead.Backend
                    methods: [ fetch ]
                    circuit-breaker: { failure-threshold: 1000, window: 1000, open-for: 10m }   # never trips by itself here
                    fallback: [ { value: cached } ]
                  - name: quarantined
                    class: io.selfheal.it.apps.lookahead.Quarantined
                    methods: [ fetch ]
                    fallback: [ { value: cached } ]
                policies:
                  interval: 200ms
                  rules:
                    - name: Open when failing
                      targets: [ backend ]
                      when: [ "error-rate > 30%", "consecutive-failures >= 1" ]
                      then: [ open-circuit ]
                    - name: Quarantine when unhealthy
                      targets: [ quarantined ]
                      when: [ "error-rate > 30%", "health < 1" ]
                      then: [ isolate ]
                """;
        Path events = dir.resolve("events.jsonl");
        ChildJvm.Result r = ChildJvm.on(jdk).agent(config("first.yaml", events, targets))
                .main(APPS + "ActionsApp", "policy").timeout(Duration.ofSeconds(120)).run();
        assertEquals(0, r.exitCode(), r.describe());
        Events log = Events.read(events);
        assertTrue(Integer.parseInt(r.result("backend-streak")) >= 100,
                "100 calls in a row answered without running\n" + r.describe() + log);
        assertTrue(Integer.parseInt(r.result("quarantined-streak")) >= 100, r.describe() + log);
        assertEquals("cached", r.result("backend-answer"));
        assertEquals("cached", r.result("quarantined-answer"));

        JsonNode opened = forTarget(log.ofType("circuit-opened"), "backend").get(0);
        assertEquals("policy", opened.path("by").asText(), opened.toString());
        assertEquals("opened by a policy", opened.path("reason").asText());
        JsonNode isolated = forTarget(log.ofType("isolated"), "quarantined").get(0);
        assertEquals("policy", isolated.path("by").asText(), isolated.toString());
        JsonNode fired = forTarget(log.ofType("policy-fired"), "quarantined").get(0);
        assertEquals("ok", fired.path("outcome").asText(), fired.toString());
        assertTrue(fired.path("conditions").toString().contains("health"), "health is measured: " + fired);
        assertTrue(forTarget(log.ofType("short-circuited"), "backend").stream()
                .anyMatch(e -> e.path("reason").asText().equals("circuit-open")
                        && e.path("answer").asText().equals("fallback")), log.toString());

        Path events2 = dir.resolve("events-after-restart.jsonl");
        ChildJvm.Result again = ChildJvm.on(jdk).agent(config("second.yaml", events2, targets))
                .main(APPS + "ActionsApp", "restart").timeout(Duration.ofSeconds(120)).run();
        assertEquals(0, again.exitCode(), again.describe());
        Events log2 = Events.read(events2);
        assertEquals("0", again.result("backend-runs"), "the remembered open circuit short-circuits\n" + log2);
        assertEquals("0", again.result("quarantined-runs"), "the remembered isolation holds\n" + log2);
        assertEquals("cached", again.result("backend-answer"));
        assertEquals("cached", again.result("quarantined-answer"));
        JsonNode loaded = log2.ofType("state-loaded").get(0);
        assertEquals(2, loaded.path("restored").size(), loaded.toString());
        JsonNode reopened = forTarget(log2.ofType("circuit-opened"), "backend").get(0);
        assertEquals("state-memory", reopened.path("by").asText(), reopened.toString());
        assertEquals("state-memory", forTarget(log2.ofType("isolated"), "quarantined").get(0).path("by").asText());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void levelFullBringsARuleOfItsOwnThatOpensTheCircuit(Path jdk) throws IOException {
        Path events = dir.resolve("events.jsonl");
        Path cfg = config("selfheal.yaml", events, """
                targets:
                  - name: backend
                    class: io.selfheal.it.apps.lookahead.Backend
                    methods: [ fetch ]
                    level: full
                    prediction: { enabled: false }       # so only the policy can act
                    circuit-breaker: { failure-threshold: 1000, window: 1000, open-for: 10m }   # never trips by itself
                    retry: { max-attempts: 2, backoff: { initial: 5ms } }
                    fallback: [ { value: cached } ]
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APPS + "ActionsApp", "failing")
                .timeout(Duration.ofSeconds(120)).run();
        assertEquals(0, r.exitCode(), r.describe());
        Events log = Events.read(events);
        assertTrue(Integer.parseInt(r.result("backend-streak")) >= 100,
                "the preset rule opened the circuit: 100 calls in a row answered without running\n" + r.describe() + log);
        assertEquals("cached", r.result("backend-answer"));
        JsonNode fired = forTarget(log.ofType("policy-fired"), "backend").get(0);
        assertEquals("level full: backend", fired.path("rule").asText(), fired.toString());
        assertEquals("ok", fired.path("outcome").asText(), fired.toString());
        assertEquals(1, fired.path("priority").asInt(), fired.toString());
        JsonNode opened = forTarget(log.ofType("circuit-opened"), "backend").get(0);
        assertEquals("policy", opened.path("by").asText(), opened.toString());
        assertFalse(log.ofType("alert").isEmpty(), "the preset's second action\n" + log);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aPredictionActsOnARisingErrorRateBeforeTheBreakerTripsAndNotOnASteadyLowOne(Path jdk) throws IOException {
        String breaker = "circuit-breaker: { failure-rate: 0.25, window: 100, minimum-calls: 20, open-for: 1m }";
        Path events = dir.resolve("events.jsonl");
        Path cfg = config("selfheal.yaml", events, """
                targets:
                  - name: rising-open
                    class: io.selfheal.it.apps.lookahead.RisingOpen
                    methods: [ fetch ]
                    prediction: { interval: 200ms, failure-rate: 0.2, action: open-circuit }
                    BREAKER
                  - name: rising-fallback
                    class: io.selfheal.it.apps.lookahead.RisingFallback
                    methods: [ fetch ]
                    prediction: { interval: 200ms, failure-rate: 0.2, action: fallback }
                    BREAKER
                    fallback: [ { value: cached } ]
                  - name: steady
                    class: io.selfheal.it.apps.lookahead.SteadyLow
                    methods: [ fetch ]
                    prediction: { interval: 200ms, failure-rate: 0.2, action: open-circuit }
                    BREAKER
                """.replace("BREAKER", breaker));
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APPS + "PreemptApp", "5000")
                .timeout(Duration.ofSeconds(120)).run();
        assertEquals(0, r.exitCode(), r.describe());
        Events log = Events.read(events);

        assertTrue(forTarget(log.ofType("prediction-warning"), "steady").isEmpty(), log.toString());
        assertTrue(forTarget(log.ofType("circuit-opened"), "steady").isEmpty(), "2% never trips anything\n" + log);

        JsonNode preempt = forTarget(log.ofType("prediction-warning"), "rising-open").stream()
                .filter(w -> w.has("action")).findFirst().orElseThrow(() -> new AssertionError(log.toString()));
        assertEquals("ok", preempt.path("outcome").asText(), preempt.toString());
        JsonNode firstOpen = forTarget(log.ofType("circuit-opened"), "rising-open").get(0);
        assertEquals("prediction", firstOpen.path("by").asText(),
                "the prediction opened it before the breaker's own 25% of 100 calls did: " + firstOpen);

        JsonNode switched = forTarget(log.ofType("prediction-warning"), "rising-fallback").stream()
                .filter(w -> w.has("action")).findFirst().orElseThrow(() -> new AssertionError(log.toString()));
        assertEquals("fallback", switched.path("action").asText());
        assertEquals("ok", switched.path("outcome").asText(), switched.toString());
        assertEquals("prediction", forTarget(log.ofType("circuit-opened"), "rising-fallback").get(0).path("by")
                .asText());
        assertTrue(Integer.parseInt(r.result("fallback-without-running")) > 0,
                "calls answered by the fallback without running\n" + r.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void adaptiveStrategiesConvergeOnWhatWorksAndLevelBasicBringsABreaker(Path jdk) throws IOException {
        Path events = dir.resolve("events.jsonl");
        Path cfg = config("selfheal.yaml", events, """
                targets:
                  - name: outage
                    class: io.selfheal.it.apps.lookahead.Outage
                    methods: [ fetch ]
                    strategy: adaptive
                    candidates: [ retry, fallback ]
                    exploration: 0.05
                    retry: { max-attempts: 3, backoff: { initial: 5ms } }
                    fallback: [ { value: cached } ]
                  - name: glitch
                    class: io.selfheal.it.apps.lookahead.Glitch
                    methods: [ fetch ]
                    strategy: adaptive
                    candidates: [ fallback, retry ]
                    exploration: 0.05
                    retry: { max-attempts: 3, backoff: { initial: 5ms } }
                  - name: basic
                    class: io.selfheal.it.apps.lookahead.BasicLevel
                    methods: [ fetch ]
                    level: basic
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APPS + "AdaptiveApp", "150")
                .timeout(Duration.ofSeconds(120)).run();
        assertEquals(0, r.exitCode(), r.describe());
        Events log = Events.read(events);

        // An outage: retrying never heals, the fallback always does.
        assertEquals("150", r.result("outage-answered"), r.describe());
        assertTrue(Integer.parseInt(r.result("outage-runs")) < 250,
                "the fixed order would run the body 450 times; adaptive learns to stop retrying\n" + r.describe());
        // Every outage call ends healed (by the fallback, whichever candidate was chosen), and its
        // healed event carries the choice (error-detected is throttled: one a second per type).
        List<JsonNode> outageHealed = forTarget(log.ofType("healed"), "outage");
        assertEquals(150, outageHealed.size(), log.toString());
        assertEquals("retry", outageHealed.get(0).path("choice").asText(), outageHealed.get(0).toString());
        assertTrue(outageHealed.get(0).path("choiceReason").asText().startsWith("untried"));
        long fallbackChosen = outageHealed.subList(100, 150).stream()
                .filter(e -> e.path("choice").asText().equals("fallback")).count();
        assertTrue(fallbackChosen >= 40, fallbackChosen + " of the last 50 chose fallback\n" + outageHealed.get(149));
        JsonNode lastHealed = outageHealed.get(149);
        assertTrue(lastHealed.path("choiceReason").asText().contains("fallback healed"), lastHealed.toString());

        // A transient glitch and no fallback: only a retry heals.
        assertTrue(Integer.parseInt(r.result("glitch-answered")) >= 130, r.describe());
        // The first call's error-detected is always written (the throttle reports the first at once).
        List<JsonNode> glitchFirst = forTarget(log.ofType("error-detected"), "glitch").stream()
                .filter(e -> e.path("attempt").asInt() == 1).collect(Collectors.toList());
        assertEquals("fallback", glitchFirst.get(0).path("choice").asText(), "tried first, as listed");
        // A fallback choice cannot heal here (there is none): only retry choices end healed, and
        // learning shows as most of the calls healed by a retry.
        List<JsonNode> glitchHealed = forTarget(log.ofType("healed"), "glitch");
        assertTrue(glitchHealed.size() >= 130, glitchHealed.size() + " healed");
        assertTrue(glitchHealed.stream().allMatch(e -> e.path("choice").asText().equals("retry")), log.toString());

        // level: basic is retry and a circuit breaker.
        assertFalse(forTarget(log.ofType("retry"), "basic").isEmpty(), log.toString());
        assertFalse(forTarget(log.ofType("circuit-opened"), "basic").isEmpty(), log.toString());
        assertTrue(Integer.parseInt(r.result("basic-refused")) > 100, r.describe());
    }
}
