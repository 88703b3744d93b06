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
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15, points 1 to 5 in one child JVM per JDK: a snapshot runs no application code (a BitSet
 * keeps its size, a ring of Cloneables woven wide is never cloned), a woven method reached from
 * inside the agent's own work does not heal again, receivers that cross on many threads do not
 * deadlock (an opt-in clone() that takes an application lock included), a stack overflow through
 * woven code leaves healing working, and an exception that passes through a target by the thousand
 * writes a handful of events. The same app without the agent gives the baseline.
 */
class ForeignCodeTest {
    private static final String APP = "io.selfheal.it.apps.foreign.ForeignCodeApp";
    private static final String PKG = "io.selfheal.it.apps.foreign.";

    @TempDir
    Path dir;

    private Path config(Path events) throws IOException {
        Path file = dir.resolve("foreign.yaml");
        Files.writeString(file, String.join("\n",
                "events:",
                "  file: " + events,
                "targets:",
                "  - name: bits",
                "    class: " + PKG + "Bits",
                "    methods: [ size, setThenFail ]",
                "    restore: {}",
                "  - name: ring",
                "    class: " + PKG + "Ring",
                "    methods: [ \"*\" ]",
                "    restore: {}",
                "  - name: answers",
                "    class: " + PKG + "Answers",
                "    fallback:",
                "      - value: fallback-answer",
                "  - name: accounts",
                "    class: " + PKG + "Account",
                "    methods: [ \"*\" ]",
                "    restore: { clone: [ " + PKG + "Account$Token ] }",
                "    retry: { max-attempts: 2, backoff: { initial: 0ms } }",
                "  - name: deep",
                "    class: " + PKG + "Deep",
                "    restore: {}",
                "    retry: { max-attempts: 2, on: [ java.io.IOException ], backoff: { initial: 0ms } }",
                "  - name: noisy",
                "    class: " + PKG + "Noisy",
                "  - name: outer",
                "    class: " + PKG + "Outer",
                "    methods: [ call ]",
                "    fallback:",
                "      - method: " + PKG + "Outer#rescue",
                "  - name: inner",
                "    class: " + PKG + "Inner",
                "    retry: { max-attempts: 3, backoff: { initial: 0ms } }",
                ""));
        return file;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theAgentChangesNoAnswerRecursesNowhereAndNeverDeadlocks(Path jdk) throws IOException {
        ChildJvm.Result bare = ChildJvm.on(jdk).main(APP).timeout(Duration.ofSeconds(120)).run();
        assertEquals("yes", bare.result("done"), bare.describe());

        Path eventsFile = dir.resolve("events.jsonl");
        ChildJvm.Result woven = ChildJvm.on(jdk).agent(config(eventsFile)).main(APP)
                .timeout(Duration.ofSeconds(120)).run();
        Events events = Events.read(eventsFile);
        String why = woven.describe() + "\n" + events;
        assertEquals(0, woven.exitCode(), why);
        assertEquals("yes", woven.result("done"), why);

        // 1. No application code runs to take a snapshot: BitSet.clone() would trim it to 0.
        assertEquals("64,64,64", bare.result("bitsSize"), bare.describe());
        assertEquals(bare.result("bitsSize"), woven.result("bitsSize"), why);
        assertEquals("true", bare.result("bit3AfterFailure"));
        assertEquals("false", woven.result("bit3AfterFailure"), "restore took the bit back\n" + why);

        // 2. A ring of Cloneables woven wide: same answers, clone() never called, healing elsewhere intact.
        assertEquals(bare.result("ringTouch"), woven.result("ringTouch"), why);
        assertEquals("0", woven.result("ringClones"), why);
        assertEquals("fallback-answer", woven.result("answerAfterRing"), why);

        // 3. Crossing receivers with restore on eight threads, an opt-in clone() taking an app lock.
        assertEquals("finished", woven.result("crossing"), why);

        // 4. A stack overflow through woven code: the application's own outcome, healing still works.
        assertEquals("StackOverflowError", bare.result("overflow"));
        assertEquals("StackOverflowError", woven.result("overflow"), why);
        assertEquals("fallback-answer", woven.result("answerAfterOverflow"), why);
        assertEquals("fallback-answer", woven.result("answer"), why);
        String all = woven.stdout() + woven.stderr();
        assertFalse(all.contains("ASSERTION FAILED"), why);
        assertFalse(all.contains("NoClassDefFoundError"), why);
        assertFalse(all.contains("ExceptionInInitializerError"), why);
        List<String> faults = events.ofType("agent-fault").stream().map(e -> e.path("where").asText())
                .collect(Collectors.toList());
        assertTrue(faults.size() <= 4, "faults, each kind once: " + faults);

        // 1. A type a snapshot cannot copy is named when its class is woven, with its field.
        assertTrue(events.ofType("config-problem").stream().anyMatch(e -> "accounts".equals(e.path("target").asText())
                && "books".equals(e.path("field").asText())
                && e.path("message").asText().contains("java.util.concurrent.locks.ReentrantLock")), why);

        // 2. The re-entry guard: the fallback method calls a woven method with retry; inside the
        // agent's work that call runs unwoven (one run, no retry, no event), the fallback answers.
        assertEquals("threw java.io.IOException: outer down", bare.result("nested"), bare.describe());
        assertEquals("rescued after 1 inner run(s)", woven.result("nested"), why);
        assertEquals(List.of(), events.all().stream().filter(e -> "inner".equals(e.path("target").asText())
                && !"target-woven".equals(e.path("type").asText())).collect(Collectors.toList()),
                "the inner target heals nothing inside the fallback");

        // 5. 5,000 caught exceptions through a target without a strategy: a handful of events.
        assertEquals("5000", woven.result("noisyCaught"), why);
        List<JsonNode> noisy = events.ofType("error-detected").stream()
                .filter(e -> "noisy".equals(e.path("target").asText())).collect(Collectors.toList());
        assertTrue(!noisy.isEmpty() && noisy.size() <= 10, "throttled to about one a second: " + noisy);
        long failedNoisy = events.ofType("healing-failed").stream()
                .filter(e -> "noisy".equals(e.path("target").asText())).count();
        assertTrue(failedNoisy >= 1 && failedNoisy <= 10, "throttled: " + failedNoisy);
        assertEquals(List.of(), events.ofType("config-problem").stream()
                .filter(e -> "bits".equals(e.path("target").asText()) || "ring".equals(e.path("target").asText()))
                .collect(Collectors.toList()), "a BitSet and a ring are copied, not kept by reference");
    }
}
