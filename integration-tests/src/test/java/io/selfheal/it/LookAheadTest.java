package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7 in a real child JVM: prediction warnings on a rising error rate and none on a steady
 * low one, a policy that invokes a static method of the application and escalates to an alert
 * when its next action cannot work, and the state file (a corrupt one set aside, a new one
 * written at shutdown).
 */
class LookAheadTest {
    private static final String APP = "io.selfheal.it.apps.LookAheadApp";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void predictsPoliciesAndRemembersInARunningApplication(Path jdk) throws IOException {
        Path events = dir.resolve("events.jsonl");
        Path stateDir = dir.resolve("state");
        Files.createDirectories(stateDir);
        Files.writeString(stateDir.resolve("state.json"), "{ this is not json");
        Path cfg = dir.resolve("selfheal.yaml");
        Files.writeString(cfg, "events:\n  file: " + events + "\nstate-dir: " + stateDir + "\n" + """
                defaults:
                  prediction: { interval: 200ms, failure-rate: 0.2 }
                targets:
                  - name: rising
                    class: io.selfheal.it.apps.RisingService
                    methods: [ "fetch" ]
                  - name: steady
                    class: io.selfheal.it.apps.SteadyService
                    methods: [ "fetch" ]
                policies:
                  interval: 200ms
                  rules:
                    - name: Restart when failing
                      targets: [ "ris*" ]
                      when: [ "error-rate > 30%", "calls-per-second > 20" ]
                      then: [ "invoke io.selfheal.it.apps.LookAheadOps#restart", open-circuit ]
                      cooldown: 1m
                """);

        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "4000").timeout(Duration.ofSeconds(90)).run();
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("rising", r.result("restarted"), "the policy invoked the app's static method\n" + r.describe());
        Events log = Events.read(events);

        List<JsonNode> warnings = log.ofType("prediction-warning");
        assertTrue(warnings.stream().allMatch(w -> w.path("target").asText().equals("rising")),
                "no warning for the steady 2% target: " + warnings);
        assertTrue(!warnings.isEmpty(), "a warning for the rising target\n" + log);
        JsonNode first = warnings.get(0);
        assertTrue(first.path("probability").asDouble() >= 0.5, first.toString());
        assertTrue(first.path("factors").get(0).asText().matches("error rate \\d+(\\.\\d)?% and rising"), first.toString());

        JsonNode fired = log.ofType("policy-fired").get(0);
        assertEquals("rising", fired.path("target").asText());
        assertEquals("Restart when failing", fired.path("rule").asText());
        assertEquals("failed", fired.path("outcome").asText(), "open-circuit fails: the target has no circuit-breaker");
        JsonNode alert = log.ofType("alert").get(0);
        assertEquals("Restart when failing", alert.path("rules").get(0).asText());
        assertTrue(alert.path("tried").get(0).asText().endsWith("LookAheadOps#restart ok"), alert.toString());

        JsonNode stateWarning = log.ofType("state-warning").get(0);
        assertTrue(stateWarning.path("message").asText().contains("set aside as state.json.corrupt-"),
                stateWarning.toString());
        assertTrue(r.stderr().contains("[selfheal] warning: the state file"), r.describe());
        List<String> files;
        try (Stream<Path> s = Files.list(stateDir)) {
            files = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        assertEquals(2, files.size(), files.toString());
        assertEquals("state.json", files.get(0));
        assertTrue(files.get(1).startsWith("state.json.corrupt-"), files.toString());
        JsonNode state = new ObjectMapper().readTree(stateDir.resolve("state.json").toFile());
        assertEquals("selfheal-state", state.path("format").asText(), "written at shutdown: " + state);
        assertTrue(state.path("savedAtMillis").asLong() > 0, state.toString());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void levelsArePresetsThatWorkInARunningApplication(Path jdk) throws IOException {
        Path events = dir.resolve("events.jsonl");
        Path cfg = dir.resolve("selfheal.yaml");
        Files.writeString(cfg, "events:\n  file: " + events + "\n" + """
                targets:
                  - name: flaky
                    class: io.selfheal.it.apps.Flaky
                    methods: [ "failsThenSucceeds" ]
                    level: full                 # retry from the preset, and memory in .selfheal/
                    prediction: { enabled: false }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).workDir(dir).main("io.selfheal.it.apps.FoundationApp", "retry")
                .timeout(Duration.ofSeconds(90)).run();
        assertEquals("hello ann after 3 runs", r.result("retry"), "level: full retries (3 attempts)\n" + r.describe());
        Events log = Events.read(events);
        assertEquals(2, log.ofType("retry").size(), log.toString());
        assertTrue(log.ofType("prediction-warning").isEmpty());
        assertEquals(1, log.ofType("state-loaded").size(), "remember: true from the preset turns memory on\n" + log);
        JsonNode state = new ObjectMapper().readTree(dir.resolve(".selfheal/state.json").toFile());
        assertEquals("selfheal-state", state.path("format").asText(), "the default state-dir, written at shutdown");
    }
}
