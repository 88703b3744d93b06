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

/** Issue 20: rate-limit in one child JVM per JDK (the app: io.selfheal.it.apps.strategies.RateLimitApp). */
class RateLimitTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theLimitHoldsOverEachSecondWithinOnePermitWithBurstsWaitsAndTheFallback(Path jdk) throws IOException {
        Path events = dir.resolve("events.jsonl");
        Path cfg = dir.resolve("selfheal.yaml");
        Files.writeString(cfg, "events:\n  file: " + events + "\n" + """
                targets:
                  - name: flood
                    class: io.selfheal.it.apps.strategies.Quota
                    methods: [ ping ]
                    rate-limit: { permits: 20, per: 1s }
                  - name: burst
                    class: io.selfheal.it.apps.strategies.Quota
                    methods: [ burst ]
                    rate-limit: { permits: 1, per: 5s, burst: 4 }
                  - name: answered
                    class: io.selfheal.it.apps.strategies.Quota
                    methods: [ answered ]
                    rate-limit: { permits: 1, per: 1h }
                    fallback:
                      - value: "n/a"
                  - name: waited
                    class: io.selfheal.it.apps.strategies.Quota
                    methods: [ waited ]
                    rate-limit: { permits: 10, per: 1s, wait: 1s }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main("io.selfheal.it.apps.strategies.RateLimitApp", "3000").run();
        assertEquals("true", r.result("floodWithinOnePermit"), "windows permitted/allowed: " + r.result("floodWindows")
                + "\n" + r.describe());
        assertEquals("true", r.result("floodCalls>permitted"), "the flood was refused most of the time");
        assertEquals("true", r.result("floodRunsEqualPermitted"), "a refused call does not run the body");
        assertEquals("true", r.result("raceWithinOnePermit"), "two threads racing for permits");
        assertEquals("PPPPPRRR", r.result("burst"), "burst: 4 lets five calls in at once");
        assertTrue(r.result("refusal").startsWith("io.selfheal.bootstrap.RateLimitedException: target 'burst' is"
                + " rate-limited (1 per 5s, burst 4); next permit due at "), r.result("refusal"));
        assertEquals("burst", r.result("refusalTarget"));
        assertEquals("true", r.result("nextPermitWithin5s"));
        assertEquals("fresh", r.result("answered"));
        assertEquals("n/a", r.result("answeredRefused"), "the fallback chain answers a refused call");
        assertEquals("true", r.result("waitedAtLeast400ms"), "wait: five calls at 10 a second all ran, in turn");
        assertEquals("3", r.result("rateLimitedAttribute"), "the Target MBean's RateLimited");

        Events log = Events.read(events);
        List<JsonNode> burst = log.ofType("rate-limited").stream()
                .filter(e -> e.path("target").asText().equals("burst")).toList();
        assertEquals(1, burst.size(), "three refusals within a second: one event. " + log);
        assertEquals(1, burst.get(0).path("count").asInt());
        assertEquals("exception", burst.get(0).path("answer").asText());
        assertEquals("rate-limit", burst.get(0).path("strategy").asText());
        assertEquals("1 per 5s, burst 4", burst.get(0).path("limit").asText());
        JsonNode answered = log.ofType("rate-limited").stream()
                .filter(e -> e.path("target").asText().equals("answered")).findFirst().orElseThrow();
        assertEquals("fallback", answered.path("answer").asText());
        long floodReported = log.ofType("rate-limited").stream().filter(e -> e.path("target").asText().equals("flood"))
                .mapToLong(e -> e.path("count").asLong()).sum();
        assertTrue(floodReported > 1000, "the flood's refusals are reported with counts, a few lines a second: "
                + floodReported);
        assertTrue(log.ofType("rate-limited").stream().filter(e -> e.path("target").asText().equals("flood")).count()
                <= 8, "throttled to about one line a second");
        assertTrue(log.ofType("error-detected").isEmpty() && log.ofType("circuit-opened").isEmpty(),
                "a refusal is not a failure");
    }
}
