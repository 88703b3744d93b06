package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Promtool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 22: healing seen where operators look. One child JVM per JDK runs every kind of healing
 * with a flight recording on and the HTTP endpoint up; the /metrics it serves goes through
 * promtool, in both formats.
 */
class ObservabilityTest {
    private static final String APP = "io.selfheal.it.apps.ObserveApp";
    static final String TARGETS = """
            targets:
              - name: flaky
                class: io.selfheal.it.apps.ObservedService
                methods: [ flaky ]
                latency: true
                retry: { max-attempts: 3, backoff: { initial: 1ms } }
              - name: down
                class: io.selfheal.it.apps.ObservedService
                methods: [ down ]
                circuit-breaker: { failure-threshold: 2, window: 10, open-for: 1h }
                fallback: [ { value: "cached" } ]
              - name: lonely
                class: io.selfheal.it.apps.ObservedService
                methods: [ lonely ]
                isolate: { after: 2, for: 1h }
              - name: ledger
                class: io.selfheal.it.apps.ObservedService
                methods: [ ledger ]
                restore: { fields: [ balance ] }
                fallback: [ { value: "refused" } ]
            """;

    @TempDir
    Path dir;

    private Path config(String yaml) throws IOException {
        Path file = dir.resolve("selfheal.yaml");
        Files.writeString(file, "events:\n  file: " + dir.resolve("events.jsonl") + "\n" + yaml);
        return file;
    }

    /** Sends one command and waits for its DONE line. */
    static String run(ChildJvm.Running app, String command) {
        String done = "DONE " + command + " ";
        int before = app.outputSoFar().split(Pattern.quote(done), -1).length;
        app.send(command);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String out = app.outputSoFar();
            if (out.split(Pattern.quote(done), -1).length > before) {
                int at = out.lastIndexOf(done) + done.length();
                int end = out.indexOf('\n', at);
                return out.substring(at, end < 0 ? out.length() : end).trim();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the app never finished '" + command + "':\n" + app.outputSoFar());
    }

    /** Runs every kind of healing once or more, and checks each answer. */
    static void heal(ChildJvm.Running app) {
        assertEquals("flaky-ok3", run(app, "flaky 4"));
        assertEquals("cached", run(app, "down 5"));
        assertTrue(run(app, "lonely 4").startsWith("threw io.selfheal.bootstrap.IsolatedException"),
                app.outputSoFar());
        assertEquals("refused", run(app, "ledger 2"));
    }

    private static String metricsAddress(ChildJvm.Running app) {
        Pattern p = Pattern.compile("metrics on http://([0-9.]+:\\d+)/metrics");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = p.matcher(app.errorsSoFar());
            if (m.find()) {
                return m.group(1);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no metrics address on stderr:\n" + app.errorsSoFar());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void promtoolAcceptsOurMetricsAndAnOpenMetricsScraperGetsItsFormat(Path jdk) throws Exception {
        Path classes = dir.resolve("classes.txt");
        ChildJvm.Running app = ChildJvm.on(jdk).agent(config("http: { port: 0 }\n" + TARGETS))
                .jvmArg("-Xlog:class+load=info:file=" + classes).main(APP).start();
        try {
            app.awaitOutput("READY ", Duration.ofSeconds(60));
            heal(app);
            String address = metricsAddress(app);
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://" + address + "/metrics");
            HttpResponse<String> text = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, text.statusCode());
            assertTrue(text.body().contains("selfheal_retries_total{target=\"flaky\"} 4\n"), text.body());
            assertTrue(text.body().contains("selfheal_circuit_state{target=\"down\"} 1"), text.body());
            Promtool.Outcome checked = Promtool.checkMetrics(text.body());
            assertEquals(0, checked.exitCode(), checked.output() + "\n" + text.body());
            assertEquals("", checked.output().trim(), "promtool reports nothing on our output:\n" + text.body());

            HttpResponse<String> om = http.send(HttpRequest.newBuilder(uri)
                    .header("Accept", "application/openmetrics-text; version=1.0.0,text/plain;q=0.5").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(om.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"),
                    om.headers().toString());
            assertTrue(om.body().endsWith("\n# EOF\n"), om.body());
            assertTrue(om.body().contains("# TYPE selfheal_retries counter\n"), om.body());
            assertTrue(om.body().contains("selfheal_retries_total{target=\"flaky\"} 4\n"), om.body());
        } finally {
            app.send("quit");
            app.await(Duration.ofSeconds(30));
        }
        // Every kind of healing ran, and with no recording on nothing of JFR was loaded for it.
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("io.selfheal.runtime.jfr.FlightRecorderSink "), "the bridge is there");
        List<String> jfr = loaded.lines().filter(l -> l.contains(" jdk.jfr.") || l.contains("io.selfheal.runtime.jfr.")
                && !l.contains("FlightRecorderSink") && !l.contains("FlightRecorderGate")).toList();
        assertEquals(List.of(), jfr, "classes of JFR loaded with no recording on");
        assertTrue(loaded.contains("io.selfheal.runtime.observe.ApplicationMeters "), "the meters' look is there");
        List<String> meters = loaded.lines().filter(l -> l.contains(" io.micrometer.") || l.contains(" io.opentelemetry.")
                || l.contains("io.selfheal.runtime.observe.") && !l.contains("ApplicationMeters")
                && !l.contains("ApplicationLoaders") && !l.contains("OpenTelemetryBridge")).toList();
        assertEquals(List.of(), meters, "classes for Micrometer or OpenTelemetry loaded in an application without them");
    }

    /** The jars of the application's own observability libraries (see the pom), never the agent's. */
    static Path observabilityJar(String name) {
        Path jar = Path.of("target/observability-jars", name + ".jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the build copies " + jar);
        return jar;
    }

    /**
     * An application with Micrometer (no Spring): the agent's meters are in its global registry
     * under the /metrics names in Micrometer's form, counters as counters, states as gauges, tagged
     * by target, reading the agent's counters live.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theApplicationsMicrometerGlobalRegistryHoldsOurMeters(Path jdk) throws Exception {
        ChildJvm child = ChildJvm.on(jdk).agent(config(TARGETS));
        for (String jar : List.of("micrometer-core", "micrometer-commons", "micrometer-observation")) {
            child.classPath(observabilityJar(jar));
        }
        ChildJvm.Running app = child.main(APP).start();
        try {
            app.awaitOutput("READY ", Duration.ofSeconds(60));
            heal(app);
            // The agent looks for Micrometer on the health sampler's tick (at most a second apart).
            String meters = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!meters.contains("METER selfheal.calls COUNTER flaky 4.0") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                int from = app.outputSoFar().length();
                run(app, "meters");
                meters = app.outputSoFar().substring(from);
            }
            assertTrue(meters.contains("METER selfheal.calls COUNTER flaky 4.0\n"), meters);
            assertTrue(meters.contains("METER selfheal.retries COUNTER flaky 4.0\n"), meters);
            assertTrue(meters.contains("METER selfheal.healed COUNTER flaky 4.0\n"), meters);
            assertTrue(meters.contains("METER selfheal.fallbacks COUNTER down 5.0\n"), meters);
            assertTrue(meters.contains("METER selfheal.short_circuits COUNTER down 3.0\n"), meters);
            assertTrue(meters.contains("METER selfheal.circuit_state GAUGE down 1.0\n"), meters);
            assertTrue(meters.contains("METER selfheal.isolated GAUGE lonely 1.0\n"), meters);
            assertTrue(meters.contains("METER selfheal.agent_faults COUNTER - 0.0\n"), meters);
            assertTrue(meters.contains("METER selfheal.health GAUGE ledger "), meters);
            // Read live: more calls show at once, with no new registration.
            run(app, "flaky 2");
            int from = app.outputSoFar().length();
            run(app, "meters");
            assertTrue(app.outputSoFar().substring(from).contains("METER selfheal.calls COUNTER flaky 6.0\n"),
                    app.outputSoFar().substring(from));
        } finally {
            app.send("quit");
            app.await(Duration.ofSeconds(30));
        }
    }

    /**
     * A recording from the JVM's start, read with RecordingFile on the same JDK: each healing
     * decision is its event, with its fields, under the category "selfheal"; TargetStats comes
     * every period with the target's counters.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aFlightRecordingHoldsEachHealingDecisionWithItsFields(Path jdk) throws Exception {
        Path recording = dir.resolve("rec.jfr");
        Path settings = Path.of("src/test/resources/selfheal-test.jfc").toAbsolutePath();
        ChildJvm.Running app = ChildJvm.on(jdk).agent(config(TARGETS))
                .jvmArg("-XX:StartFlightRecording:filename=" + recording + ",settings=" + settings).main(APP).start();
        try {
            app.awaitOutput("READY ", Duration.ofSeconds(60));
            heal(app);
            // TargetStats comes from JFR's periodic thread every 100 ms: that thread is the clock here.
            Thread.sleep(1500);
        } finally {
            app.send("quit");
            app.await(Duration.ofSeconds(30));
        }
        ChildJvm.Result printed = ChildJvm.on(jdk)
                .main("io.selfheal.it.apps.JfrPrint", recording.toString()).run();
        assertEquals(0, printed.exitCode(), printed.describe());
        List<String> events = printed.stdout().lines().filter(l -> l.startsWith("EVENT ")).toList();
        String all = String.join("\n", events);
        for (String line : events) {
            assertTrue(line.split(" ")[2].equals("[selfheal]"), line);
        }
        String retry = first(events, "selfheal.Retry", "target=flaky");
        assertTrue(retry.contains("|method=io.selfheal.it.apps.ObservedService#flaky|"), retry);
        assertTrue(retry.contains("|exception=java.io.IOException|"), retry);
        assertTrue(retry.contains("|attempt=2|"), retry);
        assertTrue(retry.contains("|delay=1|"), retry);
        assertEquals(4, count(events, "selfheal.Retry", "target=flaky"), all);
        assertTrue(first(events, "selfheal.Healed", "target=flaky").contains("|strategy=retry|"), all);
        String fallback = first(events, "selfheal.Fallback", "target=down");
        assertTrue(fallback.contains("|exception=java.lang.IllegalStateException|"), fallback);
        assertTrue(fallback.contains("|fallback=value cached|"), fallback);
        String opened = first(events, "selfheal.CircuitTransition", "target=down");
        assertTrue(opened.contains("|from=closed|") && opened.contains("|to=open|"), opened);
        String shortCircuit = first(events, "selfheal.ShortCircuit", "target=down");
        assertTrue(shortCircuit.contains("|reason=circuit-open|") && shortCircuit.contains("|answer=fallback|"), shortCircuit);
        assertTrue(shortCircuit.contains("|method=io.selfheal.it.apps.ObservedService#down|"), shortCircuit);
        String isolated = first(events, "selfheal.Isolation", "target=lonely");
        assertTrue(isolated.contains("|isolated=true|") && isolated.contains("|isolatedFor=3600000|"), isolated);
        String restored = first(events, "selfheal.StateRestored", "target=ledger");
        assertTrue(restored.contains("|fields=balance|") && restored.contains("|source=snapshot|"), restored);
        assertTrue(restored.contains("|exception=java.lang.ArithmeticException|"), restored);
        List<String> stats = events.stream().filter(l -> l.startsWith("EVENT selfheal.TargetStats ")
                && l.contains("|target=flaky|")).toList();
        assertTrue(stats.size() >= 2, "TargetStats every period:\n" + all);
        String last = stats.get(stats.size() - 1);
        assertTrue(last.contains("|calls=4|") && last.contains("|retries=4|") && last.contains("|healed=4|")
                && last.contains("|circuit=closed|") && last.contains("|health="), last);
        assertTrue(printed.stdout().contains("LABEL selfheal.CircuitTransition Circuit Transition"), printed.stdout());
    }

    private static List<String> matching(List<String> events, String type, String field) {
        return events.stream().filter(l -> l.startsWith("EVENT " + type + " ") && l.contains("|" + field + "|")).toList();
    }

    private static String first(List<String> events, String type, String field) {
        List<String> found = matching(events, type, field);
        assertTrue(!found.isEmpty(), "no " + type + " with " + field + " in:\n" + String.join("\n", events));
        return found.get(0);
    }

    private static long count(List<String> events, String type, String field) {
        return matching(events, type, field).size();
    }
}
