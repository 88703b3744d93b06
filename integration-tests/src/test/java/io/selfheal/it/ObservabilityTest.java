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
        ChildJvm.Running app = ChildJvm.on(jdk).agent(config("http: { port: 0 }\n" + TARGETS)).main(APP).start();
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
    }
}
