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
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 24: healing from code with selfheal-api, on the agent's one engine. One child JVM with the
 * agent runs every scenario (code-only targets, one woven and called from code, listeners, the API
 * in a child-first loader); one without the agent shows the blocks just run.
 */
class CodeHealingTest {
    private static final String APP = "io.selfheal.it.apps.code.CodeHealingApp";

    @TempDir
    Path dir;

    static Path apiJar() {
        Path p = Paths.get(System.getProperty("selfheal.api.jar", "../api/target/selfheal-api.jar"));
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("api jar not built: " + p.toAbsolutePath() + " (run mvn package first)");
        }
        return p.toAbsolutePath().normalize();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void blocksHealPerTheYamlOnTheEngineWovenCodeUses(Path jdk) throws IOException {
        Path events = dir.resolve("events.jsonl");
        Path cfg = dir.resolve("selfheal.yaml");
        Files.writeString(cfg, """
                events:
                  file: %s
                targets:
                  - name: quotes
                    retry: { max-attempts: 3, backoff: { initial: 1ms, max: 2ms } }
                    fallback: [ { value: cached quote } ]
                  - name: checked
                    retry: { max-attempts: 2, backoff: { initial: 1ms }, on: [ java.io.IOException ] }
                  - name: priced
                    fallback: [ { method: "io.selfheal.it.apps.code.Prices#lastKnown" } ]
                  - name: count
                    fallback: [ { value: 41 } ]
                  - name: shared
                    class: io.selfheal.it.apps.code.Shared
                    methods: [ fetch ]
                    retry: { max-attempts: 2, backoff: { initial: 1ms } }
                  - name: web
                    fallback: [ { method: "io.selfheal.it.apps.code.WebApp#fallback" } ]
                  - name: async-quotes
                    retry: { max-attempts: 3, on: [ java.io.IOException ], backoff: { initial: 300ms, max: 300ms, jitter: 0 } }
                    fallback: [ { value: cached } ]
                """.formatted(events));
        ChildJvm.Result r = ChildJvm.on(jdk).classPath(apiJar()).agent(cfg).main(APP, "agent", apiJar().toString()).run();
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("true", r.result("active"), r.describe());
        assertEquals("true", r.result("activeQuotes"));
        assertEquals("false", r.result("activeNope"));
        assertEquals("no event type 'retried' in the healing log", r.result("badType"), r.describe());

        // healed per the YAML: retried, then answered by the fallback; run() and checked exceptions alike
        assertEquals("fresh after 3 runs", r.result("retried"), r.describe());
        assertEquals("cached quote after 3 runs", r.result("fallback"), r.describe());
        assertEquals("2 runs", r.result("run"), r.describe());
        assertEquals("same exception after 2 runs", r.result("checked"), r.describe());
        assertEquals("last known price (no price)", r.result("priced"), r.describe());
        assertEquals("42", r.result("count"), "a YAML whole number answers an int block");
        assertEquals("unhealed after 1 runs", r.result("unknown"), "a name the config lacks: the block runs as is");

        // one target woven and called from code: one set of figures
        assertEquals("5", r.result("sharedCalls"), r.describe());
        assertEquals("2", r.result("sharedRetries"), r.describe());
        assertEquals("2", r.result("sharedHealed"), r.describe());
        assertEquals("configured=true calls=3 failures=6 retries=5 healed=3 fallbacks=1 circuit=CLOSED figure=3",
                r.result("quotesStats"), r.describe());
        assertEquals("configured=false", r.result("nopeStats"));
        assertEquals("3", r.result("mbeanCalls"), "the code-only target's MBean: " + r.describe());

        // listeners: the log's events, in order, off the calling thread; one that throws changes nothing
        Events log = Events.read(events);
        List<String> fromLog = new ArrayList<>();
        for (JsonNode e : log.all()) {
            String type = e.path("type").asText();
            if (e.path("target").asText().equals("quotes") && Set.of("retry", "fallback", "healed").contains(type)
                    && fromLog.size() < 9) {
                fromLog.add(type + "/" + e.path("attempt").asInt() + "/" + e.path("method").asText());
            }
        }
        assertEquals(List.of("retry/2/call", "retry/3/call", "healed/3/call", "retry/2/call", "retry/3/call",
                "fallback/0/call", "healed/3/call", "retry/2/call", "healed/2/call"), fromLog, log.toString());
        assertEquals("true " + fromLog, r.result("heard"), "the listener heard what the log has, in its order");
        assertEquals("[selfheal-listeners]", r.result("listenerThreads"), r.describe());
        assertEquals("main", r.result("callerThread"));
        assertEquals("true", r.result("listenerThatThrowsWasCalled"));
        assertEquals("0", r.result("dropped"));
        assertEquals("0", r.result("heardAfterClose"), "a closed subscription hears nothing more");
        List<JsonNode> faults = log.ofType("agent-fault");
        assertTrue(faults.stream().anyMatch(f -> f.toString().contains("event-listener")
                && f.toString().contains("a listener's own bug")), log.toString());
        assertEquals(1, faults.stream().filter(f -> f.toString().contains("a listener's own bug")).count(),
                "a listener that throws is logged once: " + faults);
        JsonNode codeRetry = log.ofType("retry").get(0);
        assertEquals("io.selfheal.api.SelfHeal", codeRetry.path("class").asText());

        // the API in a child-first (web application's) loader, the agent in the boot loader
        assertEquals("web-app", r.result("webLoader"), r.describe());
        assertEquals("api=web-app active=true value=served by fallback in web-app heard=[healed by fallback] calls=1",
                r.result("web"), r.describe());
        assertFalse(r.stderr().contains("Exception in thread"), r.describe());

        // callAsync: the stage's outcome heals, the caller is never held by a backoff
        assertEquals("at once", r.result("asyncCallerBack"), r.describe());
        assertEquals("fresh after 3 runs", r.result("asyncRetried"), r.describe());
        assertEquals("cached after 3 runs", r.result("asyncFallback"), r.describe());
        assertEquals("as is", r.result("asyncUnknown"));
        assertEquals("calls=2", r.result("asyncStats"), r.describe());
        List<JsonNode> asyncRetries = log.ofType("retry").stream()
                .filter(e -> e.path("target").asText().equals("async-quotes")).toList();
        assertEquals(4, asyncRetries.size(), log.toString());
        assertTrue(asyncRetries.stream().allMatch(e -> e.path("async").asBoolean()
                && e.path("method").asText().equals("callAsync")), asyncRetries.toString());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aFaultOfTheAgentLeavesTheBlockAsItIs(Path jdk) throws IOException {
        Path events = dir.resolve("events.jsonl");
        Path cfg = dir.resolve("selfheal.yaml");
        Files.writeString(cfg, """
                events:
                  file: %s
                targets:
                  - name: quotes
                    retry: { max-attempts: 3, backoff: { initial: 1ms } }
                    fallback: [ { value: cached quote } ]
                """.formatted(events));
        ChildJvm.Result r = ChildJvm.on(jdk).classPath(apiJar()).agent(cfg)
                .jvmArg("-Dselfheal.test.fail-at=code").main(APP, "fault").run();
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("true", r.result("active"), r.describe());
        assertEquals("down, runs 1", r.result("thrown"), "not retried, not answered by the fallback: as if no agent");
        assertEquals("ran", r.result("value"));
        List<JsonNode> faults = Events.read(events).ofType("agent-fault");
        assertEquals(1, faults.size(), faults.toString());
        assertTrue(faults.get(0).toString().contains("code-call"), faults.toString());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void withoutTheAgentBlocksRunOnceAndNothingFails(Path jdk) {
        ChildJvm.Result r = ChildJvm.on(jdk).classPath(apiJar()).main(APP, "none").run();
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("false", r.result("active"), r.describe());
        assertEquals("false", r.result("activeQuotes"));
        assertEquals("ran 1", r.result("value"), r.describe());
        assertEquals("same exception, runs 2", r.result("thrown"), r.describe());
        assertEquals("true", r.result("asyncSame"), "no agent: callAsync gives the block's own stage");
        assertEquals("4", r.result("runs"));
        assertEquals("configured=false calls=0", r.result("stats"));
        assertEquals("0", r.result("dropped"));
        assertEquals("ok", r.result("done"));
        assertEquals("", r.stderr().strip(), r.describe());
    }
}
