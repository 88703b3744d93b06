package io.selfheal.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, point 2 in child JVMs (the bulk of 200+ generated files is checked in-process by the
 * runtime's BadConfigCorpusTest): {@code validate} names line and key without a stack trace, the
 * application runs exactly as unwoven with a broken config, and the problems only the running
 * application can reveal (unknown exception classes, globs that match nothing, fallbacks of the
 * wrong type) are reported with line and key while healing goes on.
 */
class BadConfigTest {
    private static final String APP = "io.selfheal.it.apps.reliability.FaultsApp";
    private static final String TARGET = "targets:\n  - name: unreliable\n    class: io.selfheal.it.apps.reliability.Unreliable\n";
    private static final Pattern LINE_AND_KEY = Pattern.compile("\\.yaml:(\\d+):\\d+: [\\w.\\[\\]()-]+: ");

    @TempDir
    Path dir;

    private static Map<String, String> broken() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("truncated", TARGET + "    retry: { max-attempts: 2, backoff: { initial: 1");
        m.put("wrong-type", TARGET + "    retry: { max-attempts: three }\n");
        m.put("unknown-key", TARGET + "    retries: 3\n");
        m.put("negative-duration", TARGET + "    retry: { backoff: { initial: -5ms } }\n");
        m.put("duplicated-name", TARGET + "  - name: unreliable\n    class: a.B\n");
        m.put("bad-fallback-entry", TARGET + "    fallback:\n      - method: NoHash\n");
        return m;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void brokenConfigsAreExplainedAndTheApplicationRunsUnwoven(Path jdk) throws IOException {
        Map<String, String> unwoven = Map.of("ok", ChildJvm.on(jdk).main(APP).run().stdout());
        for (Map.Entry<String, String> e : broken().entrySet()) {
            Path file = dir.resolve(e.getKey() + ".yaml");
            Files.writeString(file, e.getValue());
            ChildJvm.Result v = ChildJvm.on(jdk).classPath(ChildJvm.agentJar())
                    .main("io.selfheal.agent.AgentMain", "validate", file.toString()).run();
            assertEquals(1, v.exitCode(), v.describe());
            assertTrue(LINE_AND_KEY.matcher(v.stderr()).find(), e.getKey() + ": no line and key\n" + v.describe());
            assertNoStackTrace(v);

            ChildJvm.Result app = ChildJvm.on(jdk).agent(file).main(APP).run();
            assertEquals(0, app.exitCode(), app.describe());
            assertEquals(unwoven.get("ok"), app.stdout(), e.getKey() + "\n" + app.describe());
            assertTrue(LINE_AND_KEY.matcher(app.stderr()).find(), app.describe());
            assertTrue(app.stderr().contains("the agent is disabled"), app.describe());
            assertNoStackTrace(app);
        }
        Reliability.record("bad-config-child-jvms", io.selfheal.it.support.Jdks.label(jdk),
                broken().size() + " broken configs: validate exit 1 with line and key, app output equals unwoven");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void problemsOnlyTheRunningApplicationRevealsAreReportedWithLineAndKey(Path jdk) throws IOException {
        Path events = dir.resolve("late.jsonl");
        Path file = dir.resolve("late.yaml");
        Files.writeString(file, "events:\n  file: " + events + "\n" + TARGET
                + "    retry: { max-attempts: 2, on: [ java.io.IOExcepton ] }\n"
                + "    fallback:\n      - value: abc\n"
                + "  - name: nowhere\n    class: com.nowhere.**.*Client\n");
        ChildJvm.Result r = ChildJvm.on(jdk).agent(file).main(APP).run();
        assertEquals(0, r.exitCode(), r.describe());
        assertNoStackTrace(r);
        // The misspelt exception never matches, so no retry; the fallback still heals String methods.
        assertEquals("returned abc", r.result("alwaysFails"), r.describe());
        assertEquals("returned abc", r.result("failsOnce"), r.describe());
        assertEquals("2450", r.result("sum"), r.describe());
        assertTrue(r.stderr().contains("line 4, column 5: target 'unreliable', retry.on: exception class"
                + " java.io.IOExcepton is not found"), r.describe());
        assertTrue(r.stderr().contains("line 9, column 5: target 'nowhere', class: matched no method"), r.describe());
        assertTrue(r.stderr().contains("line 8, column 16: target 'unreliable', fallback of"
                + " io.selfheal.it.apps.reliability.Unreliable#sum: value abc is not a whole number"), r.describe());
        List<JsonNode> problems = Events.read(events).ofType("config-problem");
        // targets.nowhere: a target with no strategy is warned about at start, before anything is woven.
        assertEquals(List.of("targets.nowhere", "retry.on", "fallback", "class"),
                problems.stream().map(n -> n.path("key").asText()).distinct().toList(), problems.toString());
        for (JsonNode p : problems) {
            assertTrue(p.path("line").asInt() > 0, p.toString());
        }
    }

    private static void assertNoStackTrace(ChildJvm.Result r) {
        assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception in thread"),
                "stack trace on stderr:\n" + r.describe());
    }
}
