package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 20: retry.on-result and fallback-on-result, woven for real (io.selfheal.it.apps.strategies.OnResultApp). */
class OnResultTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void badAnswersAreRetriedThenAnsweredByTheFallbackOnlyWhenAskedElseReturnedAsTheyWere(Path jdk) throws IOException {
        Path events = dir.resolve("events.jsonl");
        Path cfg = dir.resolve("selfheal.yaml");
        String cls = "io.selfheal.it.apps.strategies.Answers";
        Files.writeString(cfg, "events:\n  file: " + events + "\n" + """
                targets:
                  - name: nulls
                    class: %1$s
                    methods: [ lookup, guarded ]
                    retry: { max-attempts: 3, backoff: { initial: 1ms }, on-result: { null: true } }
                    fallback:
                      - value: "never: fallback-on-result is false"
                  - name: empties
                    class: %1$s
                    methods: [ items ]
                    retry: { max-attempts: 2, backoff: { initial: 1ms }, on-result: { empty: true } }
                    fallback-on-result: true
                    fallback:
                      - method: io.selfheal.it.apps.strategies.Checks#cachedItems
                  - name: codes
                    class: %1$s
                    methods: [ code, total, name ]
                    retry: { max-attempts: 2, backoff: { initial: 1ms }, on-result: { equals: [ -1, "" ] } }
                    fallback-on-result: true
                    fallback:
                      - method: io.selfheal.it.apps.strategies.Checks#noSuchMethod
                      - value: 0
                  - name: statuses
                    class: %1$s
                    methods: [ status ]
                    retry:
                      max-attempts: 3
                      backoff: { initial: 1ms }
                      on-result: { method: io.selfheal.it.apps.strategies.Checks#isTransient }
                  - name: wrong-predicate
                    class: %1$s
                    methods: [ describe ]
                    retry: { on-result: { method: io.selfheal.it.apps.strategies.Checks#notAPredicate } }
                """.formatted(cls));
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main("io.selfheal.it.apps.strategies.OnResultApp").run();
        assertEquals("k:g ok after 2 runs", r.result("tryBlockReturns"), r.describe());
        assertEquals("value of k after 3 runs", r.result("nullRetried"), r.describe());
        assertEquals("null after 3 runs", r.result("nullSpent"), "no fallback-on-result: the last value as it was");
        assertEquals("[cached item] after 2 runs", r.result("emptyFallback"));
        assertEquals("[item] after 2 runs", r.result("emptyRetried"));
        assertEquals("0 after 2 runs", r.result("equalsIntFallback"), "-1 equals -1; the chain's value 0 answers");
        assertEquals("0 after 2 runs", r.result("equalsLongSpent"), "a long -1 equals -1 too");
        assertEquals("42 after 2 runs", r.result("equalsLongRetried"));
        assertEquals("0 after 2 runs", r.result("equalsEmptyStringFallback"), "\"\" equals \"\"; the value 0 as text");
        assertEquals("200 after 3 runs", r.result("predicateRetried"), "the predicate, given the arguments too");
        assertEquals("503 after 3 runs", r.result("predicateSpent"));

        Events log = Events.read(events);
        List<JsonNode> retries = log.ofType("retry");
        JsonNode firstNull = retries.stream().filter(e -> e.path("target").asText().equals("nulls")).findFirst()
                .orElseThrow();
        assertEquals("null", firstNull.path("result").asText(), log.toString());
        assertTrue(firstNull.path("exception").isMissingNode(), "a result, not an exception");
        assertEquals(2, firstNull.path("attempt").asInt());
        JsonNode statusRetry = retries.stream().filter(e -> e.path("target").asText().equals("statuses")).findFirst()
                .orElseThrow();
        assertEquals("\"503\"", statusRetry.path("result").asText());
        List<JsonNode> fallbacks = log.ofType("fallback").stream().filter(e -> e.has("result")).toList();
        assertTrue(fallbacks.stream().anyMatch(e -> e.path("target").asText().equals("empties")
                && e.path("result").asText().equals("java.util.ArrayList (empty)")), log.toString());
        assertTrue(fallbacks.stream().anyMatch(e -> e.path("target").asText().equals("codes")
                && e.path("result").asText().equals("-1")), log.toString());
        assertTrue(log.ofType("fallback").stream().noneMatch(e -> e.path("target").asText().equals("nulls")),
                "fallback-on-result false: the chain never answers a bad value");
        assertTrue(log.ofType("config-problem").stream().anyMatch(e -> e.toString().contains("notAPredicate")
                && e.toString().contains("must be static, return boolean")), log.toString());
        assertTrue(log.ofType("healed").stream().anyMatch(e -> e.path("target").asText().equals("nulls")),
                "a retried bad answer that turns good is healed");
        assertTrue(log.ofType("agent-fault").isEmpty(), log.toString());
    }
}
