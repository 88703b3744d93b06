package io.selfheal.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15's log that cannot fill the disk, and its warning about a target that only observes, in
 * one child JVM per JDK: a 2KB file kept twice holds whole JSON lines, the newest in the current
 * file; the no-strategy target is warned about (at start and by {@code validate}) and still woven.
 */
class EventsRotationTest {
    private static final String APP = "io.selfheal.it.apps.reliability.RotationApp";
    private static final int CALLS = 400;
    private static final Pattern CALL_NUMBER = Pattern.compile("always fails for call-(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aSmallMaxSizeKeepsTwoRotatedFilesOfWholeLinesAndATargetWithoutStrategyIsWarnedAboutAndWoven(Path jdk)
            throws IOException {
        Path events = dir.resolve("events.jsonl");
        Path config = dir.resolve("selfheal.yaml");
        // stderr: true copies every event to stderr, where the start-up events outlive the rotations.
        Files.writeString(config, """
                events:
                  file: %s
                  stderr: true
                  max-size: 2KB
                  keep: 2
                targets:
                  - name: rotating
                    class: io.selfheal.it.apps.reliability.Unreliable
                    methods: [ alwaysFails ]
                    fallback:
                      - value: fallback
                  - name: observer
                    class: io.selfheal.it.apps.reliability.Unreliable
                    methods: [ failsOnce ]
                """.formatted(events));

        ChildJvm.Result v = ChildJvm.on(jdk).classPath(ChildJvm.agentJar())
                .main("io.selfheal.agent.AgentMain", "validate", config.toString()).run();
        assertEquals(0, v.exitCode(), "a warning is not an error: " + v.describe());
        assertTrue(v.stdout().contains(config + ": OK, 2 targets"), v.describe());
        assertTrue(v.stdout().contains("warning: " + config + ":12:5: targets.observer: target 'observer' has no"
                + " strategy: it only observes"), v.describe());
        assertFalse(v.stdout().contains("target 'rotating'"), v.describe());

        ChildJvm.Result r = ChildJvm.on(jdk).agent(config).main(APP, String.valueOf(CALLS)).run();
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(String.valueOf(CALLS), r.result("answered"), r.describe());
        assertNothingDisturbedTheAgent(r);

        // Exactly the current file and .1 and .2, each at most 2KB of whole JSON lines.
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("events.jsonl", "events.jsonl.1", "events.jsonl.2"),
                    files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("events.jsonl")).sorted()
                            .toList(), r.describe());
        }
        List<Integer> healedCalls = new ArrayList<>();
        for (String name : List.of("events.jsonl.2", "events.jsonl.1", "events.jsonl")) {
            Path file = dir.resolve(name);
            byte[] bytes = Files.readAllBytes(file);
            assertTrue(bytes.length > 0 && bytes.length <= 2048, name + ": " + bytes.length + " bytes");
            assertEquals('\n', bytes[bytes.length - 1], name + " ends in the middle of a line");
            for (JsonNode e : Events.read(file).all()) {   // every line parses, or read() fails
                if (e.path("type").asText().equals("healed")) {
                    Matcher m = CALL_NUMBER.matcher(e.path("message").asText());
                    assertTrue(m.find(), e.toString());
                    healedCalls.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        assertEquals(CALLS, healedCalls.get(healedCalls.size() - 1), "the newest call is in the current file");
        for (int i = 1; i < healedCalls.size(); i++) {
            assertEquals(healedCalls.get(i - 1) + 1, healedCalls.get(i), "no call is missing: " + healedCalls);
        }
        assertTrue(healedCalls.get(0) > 1, "the oldest files were deleted: " + healedCalls);

        // The observing target: warned about at start (stderr line and event), woven, its exception unchanged.
        assertTrue(r.stderr().contains("[selfheal] config warning: " + config + ":12:5: targets.observer: target"
                + " 'observer' has no strategy: it only observes"), r.describe());
        JsonNode warning = stderrEvent(r, "config-problem", "observer");
        assertEquals("target 'observer' has no strategy: it only observes", warning.path("message").asText());
        assertEquals("warning", warning.path("severity").asText());
        assertEquals(12, warning.path("line").asInt());
        assertEquals("targets.observer", warning.path("key").asText());
        assertTrue(stderrEvent(r, "target-woven", "observer").path("methods").toString().contains("failsOnce"),
                r.stderr());
        assertEquals("java.io.IOException: first run of w fails", r.result("observed"), r.describe());
        assertEquals("w after 2 runs", r.result("observedAgain"), "not retried: " + r.describe());
        JsonNode detected = stderrEvent(r, "error-detected", "observer");
        assertEquals("first run of w fails", detected.path("message").asText());
        assertEquals("no strategy healed", stderrEvent(r, "healing-failed", "observer").path("message").asText()
                .substring(0, "no strategy healed".length()));
    }

    /** The first event of {@code type} about {@code target} among the JSON lines copied to stderr. */
    private static JsonNode stderrEvent(ChildJvm.Result r, String type, String target) throws IOException {
        for (String line : r.stderr().split("\\R")) {
            if (line.startsWith("{") && line.contains("\"type\":\"" + type + "\"")) {
                JsonNode e = JSON.readTree(line);
                if (e.path("target").asText().contains(target)) {
                    return e;
                }
            }
        }
        throw new AssertionError("no " + type + " event about " + target + " on stderr:\n" + r.stderr());
    }

    /** The rotations never disturbed the agent: no fault, nothing dropped. */
    private static void assertNothingDisturbedTheAgent(ChildJvm.Result r) {
        assertFalse(r.stderr().contains("\"type\":\"agent-fault\""), r.describe());
        assertFalse(r.stderr().contains("\"type\":\"events-dropped\""), r.describe());
    }
}
