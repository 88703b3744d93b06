package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 20: hedged calls, woven for real (io.selfheal.it.apps.strategies.HedgeApp), one child JVM per JDK. */
class HedgeTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theFasterAttemptAnswersOnceTheLoserIsInterruptedAndDroppedAndAllFailingIsOneFailure(Path jdk)
            throws IOException {
        Path events = dir.resolve("events.jsonl");
        Path cfg = dir.resolve("selfheal.yaml");
        Files.writeString(cfg, "events:\n  file: " + events + "\n" + """
                targets:
                  - name: replica
                    class: io.selfheal.it.apps.strategies.Replica
                    methods: [ slowFirst, fastFirst, failsThenCopyAnswers, allFail, deafFirst ]
                    hedge: { after: 100ms, max-extra: 1, executor-threads: 2 }
                  - name: replica-retried
                    class: io.selfheal.it.apps.strategies.Replica
                    methods: [ allFailRetried ]
                    hedge: { after: 100ms }
                    retry: { max-attempts: 2, backoff: { initial: 1ms } }
                    fallback:
                      - value: "fallback answer"
                  - name: replica-p99
                    class: io.selfheal.it.apps.strategies.Replica
                    methods: [ p99Read ]
                    latency: true
                    hedge: { after: p99 }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main("io.selfheal.it.apps.strategies.HedgeApp").run();
        assertEquals("fast a from copy 2", r.result("slowFirst"), r.describe());
        assertEquals("true", r.result("slowFirstMillis<2000"), "the copy answered; the caller did not wait 3 s");
        assertEquals("[a#1]", r.result("loserInterrupted"), "the caller's slow attempt was interrupted");
        assertEquals("false", r.result("callerInterruptedAfter"), "the interrupt the hedge sent is not left behind");
        assertEquals("1", r.result("copyThread"), "the copy ran on a selfheal-hedge thread");
        assertEquals("fast b seen caller-local", r.result("fastFirst"), "the caller's attempt keeps its thread-locals");
        assertEquals("1", r.result("fastFirstRuns"), "a call that answered before 'after' starts no copy");
        assertEquals("copy 2 answered c", r.result("failsThenCopyAnswers"),
                "a failed first attempt waits for the running copy, whose value answers; its exception is not thrown");
        assertEquals("threw java.lang.IllegalStateException: attempt 1 of d failed", r.result("allFail"),
                "both failing: the caller's own failure, once; the copy's exception is dropped");
        assertEquals("40", r.result("deafFirst"), "an attempt deaf to the interrupt returns late: its value is dropped");
        assertEquals("false", r.result("callerInterruptedAtEnd"));
        assertEquals("5", r.result("calls"), "one call each, the copies uncounted");
        assertEquals("1", r.result("failures"), "only allFail's failure went down the pipeline");
        assertEquals("4", r.result("hedges"));
        assertEquals("3", r.result("hedgeWins"));
        assertEquals("4", r.result("hedgesDropped"));
        assertEquals("3", r.result("hedgeWinsAttribute"), "the Target MBean's HedgeWins");
        assertEquals("read slow #2", r.result("p99Slow"), "after: p99: a copy started at the measured p99 answered");
        assertEquals("true", r.result("p99SlowMillis<2000"));
        Events log = Events.read(events);
        assertEquals("fallback answer", r.result("allFailRetried"),
                "both attempts failing is one failure: retried (the retry not hedged), then the fallback answers");
        assertEquals("3", r.result("allFailRetriedRuns"), "the first attempt, its copy, the retry");
        assertEquals(1, log.ofType("retry").stream()
                .filter(e -> e.path("target").asText().equals("replica-retried")).count(),
                "the failure of the first attempt and its copy is one failure: one retry. " + log);
        assertEquals("attempt 1 of e failed", log.ofType("retry").stream()
                .filter(e -> e.path("target").asText().equals("replica-retried")).findFirst().orElseThrow()
                .path("message").asText(), "the caller's own failure, not the copy's");
        assertEquals(1, log.ofType("healed").stream()
                .filter(e -> e.path("target").asText().equals("replica-retried")
                        && e.path("strategy").asText().equals("fallback")).count(), log.toString());
        assertEquals(1, log.ofType("error-detected").stream()
                .filter(e -> e.path("target").asText().equals("replica")).count(), log.toString());
        assertEquals("attempt 1 of d failed", log.ofType("error-detected").get(0).path("message").asText());
        assertTrue(log.ofType("agent-fault").isEmpty(), log.toString());
    }
}
