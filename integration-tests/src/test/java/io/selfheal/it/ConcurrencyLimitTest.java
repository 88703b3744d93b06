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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 21: an adaptive concurrency limit on a real woven target, in one child JVM per JDK: 64
 * callers over a dependency that slows past 16 concurrent calls. The limit settles (a wide band:
 * this runs on a loaded 2-core machine), the calls beyond it get the fallback, and the app's own
 * counts equal the agent's exactly.
 */
class ConcurrencyLimitTest {
    private static final String APP = "io.selfheal.it.apps.ConcurrencyLimitApp";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theLimitSettlesNearTheKneeExcessCallsGetTheFallbackAndCountsAreExact(Path jdk) throws IOException {
        Path events = dir.resolve("events.jsonl");
        Path cfg = dir.resolve("selfheal.yaml");
        Files.writeString(cfg, "events:\n  file: " + events + "\n" + """
                targets:
                  - name: dep
                    class: io.selfheal.it.apps.SixteenWorkers
                    methods: [ fetch ]
                    concurrency-limit: { algorithm: gradient, initial: 48, min: 1, max: 48 }
                    fallback:
                      - method: io.selfheal.it.apps.LimitFallbacks#busy
                  - name: bare
                    class: io.selfheal.it.apps.SingleSlot
                    methods: [ hold ]
                    concurrency-limit: { initial: 1, min: 1, max: 1 }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "8000").timeout(Duration.ofSeconds(90)).run();
        String d = r.describe();
        System.out.println("concurrency-limit on " + jdk + ": limit mean " + r.result("limitMean") + " ["
                + r.result("limitMin") + ", " + r.result("limitMax") + "], goodput " + r.result("goodputPerSecond")
                + "/s, calls " + r.result("calls") + ", fallbacks " + r.result("fallbacks") + ", max running "
                + r.result("maxRunning"));

        // The limit came down from 48 and settled in a band around the knee (16 workers).
        double mean = Double.parseDouble(r.result("limitMean"));
        assertTrue(mean >= 6 && mean <= 36, "mean limit " + mean + "; " + d);
        assertTrue(Integer.parseInt(r.result("limitMax")) <= 48, d);
        assertTrue(Integer.parseInt(r.result("maxRunning")) <= 48, "the body never ran beyond max: " + d);

        // Calls beyond the limit got the fallback, and every count adds up, exactly.
        long calls = Long.parseLong(r.result("calls"));
        long ok = Long.parseLong(r.result("ok"));
        long fallbacks = Long.parseLong(r.result("fallbacks"));
        assertTrue(fallbacks > 0, "no call was over the limit: " + d);
        assertEquals(calls, ok + fallbacks, d);
        assertEquals(ok, Long.parseLong(r.result("bodyRuns")), d);
        assertEquals(calls, Long.parseLong(r.result("agentCalls")), d);
        assertEquals(fallbacks, Long.parseLong(r.result("agentShortCircuits")), d);
        assertEquals(fallbacks, Long.parseLong(r.result("agentLimited")), d);
        assertEquals(fallbacks, Long.parseLong(r.result("agentFallbacks")), d);
        assertEquals("0", r.result("inFlightAfter"), d);

        // Without a fallback: the exception, naming the target and the limit.
        assertEquals("threw io.selfheal.bootstrap.ConcurrencyLimitedException: target 'bare' is at its concurrency"
                + " limit: 1 calls already running (concurrency-limit)", r.result("second"), d);
        assertEquals("held", r.result("afterRelease"), d);

        // limit-changed: at least one (the limit left 48), at most one a second, each a move of 10%+.
        Events log = Events.read(events);
        List<JsonNode> changes = log.ofType("limit-changed").stream()
                .filter(e -> e.path("target").asText().equals("dep")).toList();
        assertFalse(changes.isEmpty(), log.toString());
        Instant last = Instant.EPOCH;
        for (JsonNode e : changes) {
            Instant at = Instant.parse(e.path("ts").asText());
            assertTrue(Duration.between(last, at).toMillis() >= 1000, "two within a second: " + changes);
            last = at;
            int from = e.path("from").asInt();
            int to = e.path("to").asInt();
            assertTrue(Math.abs(to - from) * 10 >= from, e.toString());
            assertEquals("gradient", e.path("algorithm").asText());
        }
        assertTrue(log.ofType("short-circuited").stream()
                .anyMatch(e -> e.path("reason").asText().equals("concurrency-limited")
                        && e.path("target").asText().equals("dep")), log.toString());
    }
}
