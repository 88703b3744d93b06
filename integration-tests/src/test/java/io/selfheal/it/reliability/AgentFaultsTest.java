package io.selfheal.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import io.selfheal.it.support.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, point 4: with {@code -Dselfheal.test.fail-at} the runtime throws at its entry points;
 * the application must give exactly what it gives without the agent wherever the fault takes
 * healing away, and what it gives with a healthy agent wherever the fault does not touch healing;
 * one {@code agent-fault} event is logged per kind. A broken events file never stops it either.
 */
class AgentFaultsTest {
    private static final String APP = "io.selfheal.it.apps.reliability.FaultsApp";
    private static final List<String> RESULTS = List.of("ok", "sum", "alwaysFails", "failsOnce", "done");

    @TempDir
    Path dir;

    private Path config(String name, Path events, boolean retry) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, "events:\n  file: " + events + "\ntargets:\n"
                + "  - name: unreliable\n    class: io.selfheal.it.apps.reliability.Unreliable\n"
                + (retry ? "    retry: { max-attempts: 2, backoff: { initial: 1ms } }\n" : "")
                + "    fallback:\n      - value: fallback\n");
        return file;
    }

    private static Map<String, String> results(ChildJvm.Result r) {
        Map<String, String> m = new TreeMap<>();
        for (String k : RESULTS) {
            m.put(k, r.result(k));
        }
        return m;
    }

    private static List<String> faultKinds(Events events) {
        return events.ofType("agent-fault").stream().map(n -> n.path("where").asText()).sorted()
                .collect(Collectors.toList());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void faultsAtEveryEntryPointLeaveTheApplicationAsIfUnwoven(Path jdk) throws IOException {
        ChildJvm.Result bare = ChildJvm.on(jdk).main(APP).run();
        Map<String, String> unwoven = results(bare);
        assertEquals("threw java.io.IOException: always fails for a", unwoven.get("alwaysFails"), bare.describe());

        Path healthyEvents = dir.resolve("healthy.jsonl");
        ChildJvm.Result healthy = ChildJvm.on(jdk).agent(config("healthy", healthyEvents, true)).main(APP).run();
        Map<String, String> healed = results(healthy);
        assertEquals("returned fallback", healed.get("alwaysFails"), healthy.describe());
        assertEquals("returned b after 2 runs", healed.get("failsOnce"), healthy.describe());
        assertEquals(List.of(), faultKinds(Events.read(healthyEvents)));

        // Every entry point at once: enter(), success() and failure() throw before any event or
        // fallback is reached, so those two kinds are proven one at a time below.
        Path allEvents = dir.resolve("all.jsonl");
        ChildJvm.Result all = ChildJvm.on(jdk).agent(config("all", allEvents, true))
                .jvmArg("-Dselfheal.test.fail-at=enter,success,failure,fallback,events,jmx").main(APP).run();
        assertEquals(0, all.exitCode(), all.describe());
        assertEquals(unwoven, results(all), all.describe());
        assertEquals(List.of("enter", "failure", "jmx", "success"),
                faultKinds(Events.read(allEvents)), all.describe());

        // Each kind alone: the ones that take healing away give the unwoven answers (fallback is
        // tested without retry, so the fallback is the only strategy), the others the healed ones.
        List<String> report = new ArrayList<>();
        for (String kind : List.of("enter", "success", "failure", "fallback", "events", "jmx")) {
            Path events = dir.resolve(kind + ".jsonl");
            boolean retry = !kind.equals("fallback");
            ChildJvm.Result r = ChildJvm.on(jdk).agent(config(kind, events, retry))
                    .jvmArg("-Dselfheal.test.fail-at=" + kind).main(APP).run();
            assertEquals(0, r.exitCode(), r.describe());
            Map<String, String> expected = kind.equals("failure") || kind.equals("fallback") ? unwoven : healed;
            assertEquals(expected, results(r), kind + "\n" + r.describe());
            String where = kind.equals("events") ? "event-writing" : kind;
            assertEquals(List.of(where), faultKinds(Events.read(events)), kind + "\n" + Events.read(events));
            JsonNode fault = Events.read(events).ofType("agent-fault").get(0);
            assertTrue(fault.path("message").asText().contains("injected")
                    || fault.toString().contains("InjectedFault"), fault.toString());
            assertTrue(r.stderr().contains("agent fault in " + where), r.describe());
            report.add(kind);
        }
        Reliability.record("agent-faults", Jdks.label(jdk), "kinds " + report
                + " each logged once; all-at-once run equals the unwoven run");
    }

    /**
     * The agent is built at the first class it weaves, inside that class's load: a fault there
     * leaves the class, and every later one, unwoven, the application running as without the
     * agent; said once, as an event and on stderr.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aFaultWhileBuildingTheAgentLeavesTheApplicationAsIfUnwoven(Path jdk) throws IOException {
        Map<String, String> unwoven = results(ChildJvm.on(jdk).main(APP).run());
        Path events = dir.resolve("build.jsonl");
        ChildJvm.Result r = ChildJvm.on(jdk).agent(config("build", events, true))
                .jvmArg("-Dselfheal.test.fail-at=build").main(APP).run();
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(unwoven, results(r), r.describe());
        Events logged = Events.read(events);
        assertEquals(List.of("agent start"), faultKinds(logged), r.describe());
        assertTrue(r.stderr().contains("the agent could not start and is disabled"), r.describe());
        assertTrue(logged.ofType("target-woven").isEmpty(), r.describe());
        Reliability.record("agent-faults", Jdks.label(jdk), "build: results equal the unwoven run, one agent-fault,"
                + " nothing woven");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void anEventsFileOnAFullOrReadOnlyDiskDoesNotStopTheApplication(Path jdk) throws IOException {
        ChildJvm.Result healthy = ChildJvm.on(jdk).agent(config("ok", dir.resolve("ok.jsonl"), true)).main(APP).run();
        // /dev/full fails every write with ENOSPC; /sys refuses to create anything, even for root.
        for (Path events : List.of(Path.of("/dev/full"), Path.of("/sys/selfheal-test/events.jsonl"))) {
            ChildJvm.Result r = ChildJvm.on(jdk).agent(config("broken", events, true)).main(APP).run();
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(results(healthy), results(r), r.describe());
            assertTrue(r.stderr().contains("cannot write the events file " + events), r.describe());
        }
    }
}
