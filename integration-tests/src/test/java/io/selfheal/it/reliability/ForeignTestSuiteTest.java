package io.selfheal.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.it.support.Events;
import io.selfheal.it.support.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15, point 7: a real library's own test suite, woven wide, must give the outcomes it gives
 * unwoven. Commons Collections 4.5.0's tests (a subset of about 3,150, see {@link CollectionsSuite})
 * run once unwoven and once per variant with every method of {@code org.apache.commons.collections4.**}
 * woven (the library and, as they share its packages, its tests): (a) no strategy, (b) retry,
 * (c) restore + retry + circuit breaker. Per test the outcome (passed, skipped, or failed with the
 * exception type) must equal the unwoven one, except the differences listed in
 * {@link #ALLOWED_DIFFERENCES} with their reason, and each listed difference must occur. Each run
 * must end within its timeout (else a thread dump of the child is in the failure), leave no
 * {@code VerifyError} and no {@code agent-fault}, and have woven the library.
 */
class ForeignTestSuiteTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("selfheal.foreign.suite.timeout.seconds", 60));
    private static final String TARGET_HEAD = "targets:\n  - name: collections4\n    class: \"org.apache.commons.collections4.**\"\n"
            + "    methods: [ \"*\" ]\n";

    enum Variant {
        NO_STRATEGY("no strategy", ""),
        RETRY("retry", "    retry: { max-attempts: 2, backoff: { initial: 0ms } }\n"),
        /*
         * The breaker sees every failure of the whole library (one target), and opens only when all
         * of the last 1,000 calls failed: a suite whose tests expect exceptions must not trip it.
         */
        /*
         * restore: every field of every receiver, by reference (depth: shallow). Deep, woven over a
         * whole library, every call of an iterator would copy the list it walks: correct, but it
         * makes this suite run for minutes (max-objects gives such calls up, after copying that
         * many). The deep copier on other people's objects is ForeignCodeTest's subject.
         */
        RESTORE_RETRY_BREAKER("restore + retry + circuit breaker", "    restore: { depth: shallow }\n"
                + "    retry: { max-attempts: 2, backoff: { initial: 0ms } }\n"
                + "    circuit-breaker: { failure-threshold: 1000, window: 1000, open-for: 1s }\n");

        private final String label;
        private final String strategies;

        Variant(String label, String strategies) {
            this.label = label;
            this.strategies = strategies;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final String SET_UNIQUE_LIST_ADD = "SetUniqueList.add(int, E) adds the element to its set, then"
            + " the list's add(int, E) throws IndexOutOfBoundsException: not safe to re-run. The retry finds the"
            + " element in the set and returns without throwing, so the test's assertThrows fails";

    /** Per variant: test id to the reason its outcome differs from the unwoven run. Each must occur. */
    private static final Map<Variant, Map<String, String>> ALLOWED_DIFFERENCES = Map.of(
            Variant.NO_STRATEGY, Map.of(),
            Variant.RETRY, Map.of(
                    "org.apache.commons.collections4.list.SetUniqueListTest#testListAddByIndexBoundsChecking()", SET_UNIQUE_LIST_ADD,
                    "org.apache.commons.collections4.list.SetUniqueListTest#testListAddByIndexBoundsChecking2()", SET_UNIQUE_LIST_ADD),
            // A shallow restore puts the set field's reference back, not the set's contents: the
            // retry still finds the element there (a deep restore would copy the set back).
            Variant.RESTORE_RETRY_BREAKER, Map.of(
                    "org.apache.commons.collections4.list.SetUniqueListTest#testListAddByIndexBoundsChecking()",
                    SET_UNIQUE_LIST_ADD + "; restore is shallow here, so the set keeps the element",
                    "org.apache.commons.collections4.list.SetUniqueListTest#testListAddByIndexBoundsChecking2()",
                    SET_UNIQUE_LIST_ADD + "; restore is shallow here, so the set keeps the element"));

    /** The unwoven run of each JDK, made once for its three variants. */
    private static final Map<Path, CollectionsSuite.Run> UNWOVEN = new ConcurrentHashMap<>();

    @TempDir
    static Path dir;

    static Stream<Arguments> runs() {
        return Jdks.stream().flatMap(jdk -> Stream.of(Variant.values()).map(v -> Arguments.of(jdk, v)));
    }

    @ParameterizedTest(name = "JDK {0}, {1}")
    @MethodSource("runs")
    void wovenWideTheLibrarysOwnTestsHaveTheUnwovenOutcomes(Path jdk, Variant variant) throws Exception {
        String jdkLabel = Jdks.label(jdk);
        CollectionsSuite.Run unwoven = unwoven(jdk, jdkLabel);

        Path runDir = Files.createDirectories(dir.resolve(jdkLabel + "-" + variant.name()));
        Path events = runDir.resolve("events.jsonl");
        Path config = Files.writeString(runDir.resolve("selfheal.yaml"),
                "events:\n  file: " + events + "\n" + TARGET_HEAD + variant.strategies);
        CollectionsSuite.Run woven;
        try {
            woven = CollectionsSuite.run(jdk, config, runDir, TIMEOUT);
        } catch (CollectionsSuite.Hung e) {
            throw new AssertionError("JDK " + jdkLabel + ", " + variant + ": " + e.getMessage()
                    + "\nevents (types): " + eventTypeCounts(events));
        }

        String stderr = woven.result().stderr();
        assertFalse(stderr.contains("VerifyError"), "VerifyError on stderr:\n" + stderr);
        assertFalse(stderr.contains("ASSERTION FAILED"), "the JVM's instrument assertion failed:\n" + distinct(stderr));
        Events log = Events.read(events);
        List<JsonNode> faults = log.ofType("agent-fault");
        assertTrue(faults.isEmpty(), faults.size() + " agent-fault events, the first: " + (faults.isEmpty() ? "" : faults.get(0)));
        assertFalse(Files.readString(events).contains("VerifyError"), "VerifyError in the events");
        assertWovenLibrary(log);

        Map<String, String> allowed = ALLOWED_DIFFERENCES.get(variant);
        Map<String, String> unexpected = new TreeMap<>();
        Set<String> allowedSeen = new TreeSet<>();
        Map<String, SuiteOutcomes.Outcome> before = unwoven.outcomes().byTest();
        Map<String, SuiteOutcomes.Outcome> after = woven.outcomes().byTest();
        Set<String> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (String id : ids) {
            SuiteOutcomes.Outcome was = before.get(id);
            SuiteOutcomes.Outcome is = after.get(id);
            boolean same = was != null && is != null && was.kind().equals(is.kind());
            if (same) {
                continue;
            }
            if (allowed.containsKey(id)) {
                allowedSeen.add(id);
            } else {
                unexpected.put(id, (was == null ? "absent" : was) + " -> " + (is == null ? "absent" : is));
            }
        }
        List<String> stale = new ArrayList<>(allowed.keySet());
        stale.removeAll(allowedSeen);

        double ratio = woven.wallTime().toMillis() / (double) unwoven.wallTime().toMillis();
        String figure = variant + ": " + after.size() + " tests, " + unexpected.size() + " unexpected differences, "
                + allowedSeen.size() + " listed; " + seconds(woven.wallTime()) + " (unwoven " + seconds(unwoven.wallTime())
                + ", x" + String.format("%.2f", ratio) + "); " + log.ofType("target-woven").size() + " classes woven";
        System.out.println("JDK " + jdkLabel + " foreign test suite " + figure);
        Reliability.record("foreign test suite", jdkLabel, figure);

        assertTrue(unexpected.isEmpty(), "JDK " + jdkLabel + ", " + variant + ": " + unexpected.size()
                + " tests whose outcome differs from the unwoven run (test: unwoven -> woven):\n" + lines(unexpected, 40));
        assertTrue(stale.isEmpty(), "JDK " + jdkLabel + ", " + variant
                + ": listed differences that did not occur (remove them from ALLOWED_DIFFERENCES): " + stale);
    }

    /** The unwoven run, once per JDK: every test passes or is skipped by the suite itself. */
    private static CollectionsSuite.Run unwoven(Path jdk, String jdkLabel) throws IOException {
        CollectionsSuite.Run cached = UNWOVEN.get(jdk);
        if (cached != null) {
            return cached;
        }
        CollectionsSuite.Run run;
        try {
            run = CollectionsSuite.run(jdk, null, Files.createDirectories(dir.resolve(jdkLabel + "-unwoven")), TIMEOUT);
        } catch (CollectionsSuite.Hung e) {
            throw new AssertionError("JDK " + jdkLabel + ", unwoven: " + e.getMessage());
        }
        assertEquals(0, run.result().exitCode(), "the unwoven suite must pass:\n" + tail(run.result().stdout()));
        assertTrue(run.outcomes().size() > 3000, "the subset has over 3,000 tests: " + run.outcomes().size());
        assertTrue(run.outcomes().byTest().values().stream().allMatch(SuiteOutcomes.Outcome::passedOrSkipped));
        System.out.println("JDK " + jdkLabel + " foreign test suite unwoven: " + run.outcomes().size() + " tests, "
                + seconds(run.wallTime()));
        Reliability.record("foreign test suite", jdkLabel, "unwoven: " + run.outcomes().size() + " tests, " + seconds(run.wallTime()));
        UNWOVEN.put(jdk, run);
        return run;
    }

    /** target-woven events name the library's own classes (its main jar), not only its tests. */
    private static void assertWovenLibrary(Events log) throws IOException {
        Set<String> library = CollectionsSuite.libraryClasses();
        Set<String> woven = new TreeSet<>();
        for (JsonNode e : log.ofType("target-woven")) {
            woven.add(e.path("class").asText());
        }
        woven.retainAll(library);
        for (String cls : List.of("list.SetUniqueList", "list.TreeList", "map.LRUMap", "bag.HashBag", "bidimap.TreeBidiMap")) {
            assertTrue(woven.contains(CollectionsSuite.ROOT_PACKAGE + "." + cls), "not woven: " + cls + "; woven: " + woven);
        }
        assertTrue(woven.size() >= 100, "only " + woven.size() + " of the library's classes woven: " + woven);
    }

    private static String eventTypeCounts(Path events) {
        try {
            Map<String, Integer> counts = new TreeMap<>();
            for (String type : Events.read(events).types()) {
                counts.merge(type, 1, Integer::sum);
            }
            return counts.toString();
        } catch (AssertionError e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static String lines(Map<String, String> map, int max) {
        StringBuilder sb = new StringBuilder();
        map.entrySet().stream().limit(max).forEach(e -> sb.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
        if (map.size() > max) {
            sb.append("  ... and ").append(map.size() - max).append(" more\n");
        }
        return sb.toString();
    }

    private static String distinct(String text) {
        StringBuilder sb = new StringBuilder();
        text.lines().distinct().limit(60).forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    private static String tail(String text) {
        return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
    }
}
