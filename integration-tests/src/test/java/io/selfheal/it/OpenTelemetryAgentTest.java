package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.it.support.AgentCli;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Jdks;
import io.selfheal.it.support.PatchJars;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 22: beside the OpenTelemetry Java agent (2.22.0, its logging exporters), started before
 * ours and after it: a healed call's span carries our span events and {@code selfheal.healed}, our
 * counters come out as its metrics, and healing stays in place after another agent retransforms
 * the woven class and after one of our hot patches. The OpenTelemetry agent starts slowly: few
 * child JVMs, each checking several things.
 */
class OpenTelemetryAgentTest {
    private static final String APP = "io.selfheal.it.apps.ObserveApp";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FLAKY_CALLS = Pattern.compile(
            "name=selfheal\\.calls, .*?attributes=\\{target=\"flaky\"\\}, value=(\\d+)");

    @TempDir
    Path dir;

    private Path config(String extra) throws IOException {
        Path file = dir.resolve("selfheal.yaml");
        Files.writeString(file, "events:\n  file: " + dir.resolve("events.jsonl") + "\n"
                + "hot-patch: { require-signature: false }\n" + extra + ObservabilityTest.TARGETS);
        return file;
    }

    /** A third agent, manifest only: its class is on the application's class path. */
    private Path retransformerJar() throws IOException {
        Path jar = dir.resolve("retransformer.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Premain-Class", "io.selfheal.it.apps.Retransformer");
        m.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }

    /** The child: the OpenTelemetry agent before or after ours, its API on the application's class path. */
    private ChildJvm.Running start(Path jdk, boolean theirsFirst, String extraConfig) throws IOException {
        String otel = "-javaagent:" + ObservabilityTest.observabilityJar("opentelemetry-javaagent");
        String ours = "-javaagent:" + ChildJvm.agentJar() + "=config=" + config(extraConfig);
        ChildJvm child = ChildJvm.on(jdk);
        if (theirsFirst) {
            child.jvmArg(otel, ours);
        } else {
            child.jvmArg(ours, otel);
        }
        // Only what the test needs of the agent, to start in seconds: the bridge of the application's
        // API, and the methods instrumentation on a woven method (theirs and ours on one method).
        child.jvmArg("-javaagent:" + retransformerJar(), "-XX:TieredStopAtLevel=1", "-Dotel.service.name=selfheal-it",
                "-Dotel.instrumentation.common.default-enabled=false",
                "-Dotel.instrumentation.opentelemetry-api.enabled=true",
                "-Dotel.instrumentation.opentelemetry-instrumentation-api.enabled=true",
                "-Dotel.instrumentation.methods.enabled=true",
                "-Dotel.instrumentation.methods.include=io.selfheal.it.apps.ObservedService[lonely]",
                "-Dotel.traces.exporter=logging-otlp", "-Dotel.metrics.exporter=logging", "-Dotel.logs.exporter=none",
                "-Dotel.metric.export.interval=500", "-Dotel.bsp.schedule.delay=100");
        for (String jar : List.of("opentelemetry-api", "opentelemetry-context", "opentelemetry-common")) {
            child.classPath(ObservabilityTest.observabilityJar(jar));
        }
        ChildJvm.Running app = child.main(APP).start();
        app.awaitOutput("READY ", Duration.ofSeconds(120));
        return app;
    }

    /** The spans the logging-otlp exporter printed so far, as OTLP JSON. */
    private static List<JsonNode> spans(ChildJvm.Running app, String name) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (String line : app.errorsSoFar().split("\n")) {
            int at = line.indexOf("OtlpJsonLoggingSpanExporter - ");
            if (at < 0) {
                continue;
            }
            JsonNode root = JSON.readTree(line.substring(at + "OtlpJsonLoggingSpanExporter - ".length()));
            for (JsonNode scope : root.path("scopeSpans")) {
                for (JsonNode span : scope.path("spans")) {
                    if (span.path("name").asText().equals(name)) {
                        found.add(span);
                    }
                }
            }
        }
        return found;
    }

    private static List<JsonNode> awaitSpans(ChildJvm.Running app, String name, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<JsonNode> found = spans(app, name);
        while (found.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            found = spans(app, name);
        }
        assertTrue(found.size() >= count, "fewer than " + count + " spans '" + name + "' in:\n" + app.errorsSoFar());
        return found;
    }

    private static List<JsonNode> events(JsonNode span, String name) {
        List<JsonNode> found = new ArrayList<>();
        span.path("events").forEach(e -> {
            if (e.path("name").asText().equals(name)) {
                found.add(e);
            }
        });
        return found;
    }

    private static String attribute(JsonNode node, String key) {
        for (JsonNode a : node.path("attributes")) {
            if (a.path("key").asText().equals(key)) {
                JsonNode v = a.path("value");
                return v.has("stringValue") ? v.path("stringValue").asText()
                        : v.has("intValue") ? v.path("intValue").asText() : v.path("boolValue").asText();
            }
        }
        return null;
    }

    /** The value the metrics exporter last printed for selfheal.calls{target=flaky}, once it is at least {@code atLeast}. */
    private static long awaitFlakyCalls(ChildJvm.Running app, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            Matcher m = FLAKY_CALLS.matcher(app.errorsSoFar());
            while (m.find()) {
                last = Long.parseLong(m.group(1));
            }
            if (last >= atLeast) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("selfheal.calls{target=flaky} never reached " + atLeast + " (last " + last + "):\n"
                + app.errorsSoFar());
    }

    private Path lonelyPatch() throws IOException {
        Map<String, byte[]> classes = PatchJars.compile(dir, Map.of(
                "io.selfheal.it.apps.ObservedService", """
                        package io.selfheal.it.apps;
                        import java.io.IOException;
                        public class ObservedService {
                            private int flakyRuns;
                            private int balance;
                            public String flaky(int i) throws IOException {
                                if (flakyRuns++ % 2 == 0) {
                                    throw new IOException("flaky backend, call " + i);
                                }
                                return "flaky-ok" + i;
                            }
                            public String down(int i) {
                                throw new IllegalStateException("dependency down, call " + i);
                            }
                            public String lonely(int i) {
                                return "lonely-patched" + i;
                            }
                            public String ledger(int i) {
                                balance += 100;
                                throw new ArithmeticException("ledger overflow at " + balance);
                            }
                            public int balance() {
                                return balance;
                            }
                        }
                        """));
        return PatchJars.jar(dir.resolve("lonely-fix.jar"), classes, "id: lonely-fix\ndescription: lonely mended\n");
    }

    /**
     * With the OpenTelemetry agent first or second: a healed call's span has a selfheal.retry
     * event (attempt, delay, exception) and selfheal.healed=true; our selfheal.calls is one of its
     * metrics; a retransformation by another agent, and one after our hot patch, leave healing and
     * the patch in place.
     */
    @ParameterizedTest(name = "JDK {0}, OpenTelemetry agent first: {1}")
    @MethodSource("jdksAndOrders")
    void healingShowsOnTheSpanAndStaysBesideTheOpenTelemetryAgent(Path jdk, boolean theirsFirst) throws Exception {
        ChildJvm.Running app = start(jdk, theirsFirst, "");
        try {
            assertEquals("flaky-ok1", ObservabilityTest.run(app, "traced flaky 2"));
            JsonNode span = awaitSpans(app, "traced-flaky", 1).get(0);
            assertEquals("true", attribute(span, "selfheal.healed"), span.toString());
            List<JsonNode> retries = events(span, "selfheal.retry");
            assertEquals(2, retries.size(), span.toString());
            assertEquals("2", attribute(retries.get(0), "attempt"), span.toString());
            assertEquals("1", attribute(retries.get(0), "delay"), span.toString());
            assertEquals("java.io.IOException", attribute(retries.get(0), "exception"), span.toString());
            assertEquals("flaky", attribute(retries.get(0), "target"), span.toString());
            assertTrue(awaitFlakyCalls(app, 2) >= 2);
            // A fallback, then the circuit opens and the next calls short-circuit.
            assertEquals("cached", ObservabilityTest.run(app, "traced down 4"));
            JsonNode down = awaitSpans(app, "traced-down", 1).get(0);
            List<JsonNode> fallbacks = events(down, "selfheal.fallback");
            assertEquals(2, fallbacks.size(), down.toString());
            assertEquals("java.lang.IllegalStateException", attribute(fallbacks.get(0), "exception"), down.toString());
            List<JsonNode> shortCircuits = events(down, "selfheal.short_circuit");
            assertFalse(shortCircuits.isEmpty(), down.toString());
            assertEquals("circuit-open", attribute(shortCircuits.get(0), "reason"), down.toString());
            assertEquals("true", attribute(down, "selfheal.healed"), down.toString());

            // Another agent retransforms the woven class: still woven.
            assertEquals("retransformed io.selfheal.it.apps.ObservedService", ObservabilityTest.run(app, "retransform"));
            assertEquals("flaky-ok1", ObservabilityTest.run(app, "flaky 2"));
            assertTrue(ObservabilityTest.run(app, "lonely 1").startsWith("threw java.lang.IllegalArgumentException"));
            // Their instrumentation of the same method is in place too: a span of its own.
            awaitSpans(app, "ObservedService.lonely", 1);

            // Our hot patch, then their retransformation: the patch and the weaving both stay.
            AgentCli.Outcome patched = AgentCli.run(jdk, "patch", Long.toString(app.pid()), lonelyPatch().toString());
            assertEquals(0, patched.exit(), patched.toString());
            assertEquals("lonely-patched0", ObservabilityTest.run(app, "lonely 1"));
            ObservabilityTest.run(app, "retransform");
            assertEquals("lonely-patched0", ObservabilityTest.run(app, "lonely 1"));
            if (!theirsFirst) {
                // Registered after our patch transformer, theirs instruments on top of the patch.
                // (Registered before it, theirs is lost on a class we patch: the patch transformer
                // hands out the patch bytes over what came before it. Known; see docs/observability.md.)
                awaitSpans(app, "ObservedService.lonely", 3);
            }
            assertEquals("flaky-ok1", ObservabilityTest.run(app, "traced flaky 2"));
            JsonNode later = awaitSpans(app, "traced-flaky", 2).get(1);
            assertEquals(2, events(later, "selfheal.retry").size(), later.toString());
            assertEquals("true", attribute(later, "selfheal.healed"), later.toString());
            assertTrue(awaitFlakyCalls(app, 6) >= 6, "flaky: 2 + 2 + 2 calls");
            assertFalse(app.errorsSoFar().contains("agent fault"), app.errorsSoFar());
        } finally {
            app.send("quit");
            app.await(Duration.ofSeconds(60));
        }
    }

    /**
     * Each order once, each JDK once (the agent takes seconds to start on a loaded machine): theirs
     * first on the first JDK, ours first on the second.
     */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> jdksAndOrders() {
        List<org.junit.jupiter.params.provider.Arguments> all = new ArrayList<>();
        List<Path> jdks = Jdks.all();
        for (int i = 0; i < jdks.size(); i++) {
            all.add(org.junit.jupiter.params.provider.Arguments.of(jdks.get(i), i % 2 == 0));
        }
        return all.stream();
    }

    /** {@code observability.opentelemetry: false}: the span carries nothing of ours, and no metric is ours. */
    @Test
    void openTelemetryOffLeavesSpansAndMetricsAlone() throws Exception {
        ChildJvm.Running app = start(Jdks.all().get(0), true, "observability: { opentelemetry: false }\n");
        try {
            assertEquals("flaky-ok1", ObservabilityTest.run(app, "traced flaky 2"));
            JsonNode span = awaitSpans(app, "traced-flaky", 1).get(0);
            assertEquals(List.of(), events(span, "selfheal.retry"), span.toString());
            assertEquals(null, attribute(span, "selfheal.healed"), span.toString());
            // Metrics are exported every 500 ms: wait for two exports after the span, then look.
            int exports = app.errorsSoFar().split("LoggingMetricExporter", -1).length;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (app.errorsSoFar().split("LoggingMetricExporter", -1).length < exports + 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(app.errorsSoFar().split("LoggingMetricExporter", -1).length >= exports + 2, app.errorsSoFar());
            assertFalse(app.errorsSoFar().contains("name=selfheal."), "no selfheal metric with OpenTelemetry off");
        } finally {
            app.send("quit");
            app.await(Duration.ofSeconds(60));
        }
    }
}
