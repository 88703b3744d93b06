package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import io.selfheal.it.support.JmxClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.management.MBeanAttributeInfo;
import javax.management.ObjectName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 6: MBeans over a real JMX connection, health, status/events, /metrics and /health, config reload. */
class OperationsTest {
    private static final String APP = "io.selfheal.it.apps.OpsApp";
    private static final String AGENT = "io.selfheal:type=Agent";
    private static final String SVC = "io.selfheal:type=Target,name=svc";
    private static final String OTHER = "io.selfheal:type=Target,name=other";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPEN_TYPES = Set.of("int", "long", "double", "boolean",
            "java.lang.String", "[Ljava.lang.String;");

    @TempDir
    Path dir;

    private Path events() {
        return dir.resolve("events.jsonl");
    }

    private Path config(String yaml) throws IOException {
        Path file = dir.resolve("selfheal.yaml");
        Files.writeString(file, "events:\n  file: " + events() + "\n" + yaml);
        return file;
    }

    private static ChildJvm.Running start(Path jdk, Path config) {
        ChildJvm.Running app = ChildJvm.on(jdk).agent(config).main(APP).start();
        app.awaitOutput("READY ", Duration.ofSeconds(60));
        return app;
    }

    /** Sends one command and returns the last result it printed. */
    private static String run(ChildJvm.Running app, String command) {
        String done = "DONE " + command + " ";
        int before = occurrences(app.outputSoFar(), done);
        app.send(command);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String out = app.outputSoFar();
            if (occurrences(out, done) > before) {
                int at = out.lastIndexOf(done) + done.length();
                int end = out.indexOf('\n', at);
                return out.substring(at, end < 0 ? out.length() : end).trim();
            }
            sleep(20);
        }
        throw new AssertionError("the app never finished '" + command + "':\n" + app.outputSoFar());
    }

    private static void stop(ChildJvm.Running app) {
        try {
            app.send("quit");
        } catch (AssertionError alreadyGone) {
            // it ended on its own
        }
        app.await(Duration.ofSeconds(30));
    }

    private static int occurrences(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Polls the healing log until an event matches (the writer and the sampler work off the caller's thread). */
    private JsonNode awaitEvent(String type, Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode e : Events.read(events()).ofType(type)) {
                if (match.test(e)) {
                    return e;
                }
            }
            sleep(100);
        }
        throw new AssertionError("no matching " + type + " event in:\n" + Events.read(events()));
    }

    private static ChildJvm.Result cli(Path jdk, String... args) {
        return ChildJvm.on(jdk).classPath(ChildJvm.agentJar()).main("io.selfheal.agent.AgentMain", args).run();
    }

    private static final String SVC_TARGET = """
            targets:
              - name: svc
                class: io.selfheal.it.apps.OpsService
                latency: true
                fallback: [ { value: "fb" } ]
            """;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void mbeansShowCountsHealthAndLastErrorAndTheirOperationsWorkOverARealJmxConnection(Path jdk) throws Exception {
        Path cfg = config("health: { window: 10m }\n" + SVC_TARGET);
        ChildJvm.Running app = start(jdk, cfg);
        try (JmxClient jmx = JmxClient.attach(app.pid())) {
            assertEquals("ok9", run(app, "ok 10"));
            assertEquals("fb", run(app, "fail 5"));

            assertEquals(15L, jmx.get(SVC, "Calls"));
            assertEquals(5L, jmx.get(SVC, "Failures"));
            assertEquals(5L, jmx.get(SVC, "Healed"));
            assertEquals(5L, jmx.get(SVC, "Fallbacks"));
            assertEquals(0L, jmx.get(SVC, "Unhealed"));
            assertEquals(0L, jmx.get(SVC, "Retries"));
            assertEquals("CLOSED", jmx.get(SVC, "CircuitState"));
            assertEquals(0, jmx.get(SVC, "FailuresInWindow"));
            assertEquals("UNHEALTHY", jmx.get(SVC, "Health"), "5 failed runs of 15 is 33%");
            assertEquals(5.0 / 15, (double) jmx.get(SVC, "ErrorRate"), 1e-9);
            assertEquals("java.io.IOException", jmx.get(SVC, "LastErrorType"));
            assertEquals("backend down for call 4", jmx.get(SVC, "LastErrorMessage"));
            Instant.parse((String) jmx.get(SVC, "LastErrorTime"));
            assertEquals(true, jmx.get(SVC, "LatencyMeasured"));
            double p50 = (double) jmx.get(SVC, "LatencyP50Millis");
            double p99 = (double) jmx.get(SVC, "LatencyP99Millis");
            assertTrue(p50 > 0 && p99 >= p50, p50 + " / " + p99);

            assertTrue(((String) jmx.get(AGENT, "Version")).matches("\\d+\\.\\d+.*"));
            assertEquals(cfg.toString(), jmx.get(AGENT, "ConfigPath"));
            assertEquals(1, jmx.get(AGENT, "Targets"));
            assertArrayEquals(new String[] {"svc"}, (String[]) jmx.get(AGENT, "TargetNames"));
            assertEquals(15L, jmx.get(AGENT, "TotalCalls"));
            assertEquals(5L, jmx.get(AGENT, "Failures"));
            assertEquals(5L, jmx.get(AGENT, "Healed"));
            assertEquals(0L, jmx.get(AGENT, "Unhealed"));
            assertEquals(0L, jmx.get(AGENT, "AgentFaults"));
            assertTrue((long) jmx.get(AGENT, "UptimeMillis") > 0);
            assertEquals("UNHEALTHY", jmx.get(AGENT, "Health"));
            assertEquals(events().toAbsolutePath().toString(), jmx.get(AGENT, "EventsFile"));
            assertNull(jmx.get(AGENT, "HttpAddress"), "no http: block, no endpoint");

            // Every attribute is an open type: a client without selfheal classes reads them all.
            for (String bean : List.of(AGENT, SVC)) {
                for (MBeanAttributeInfo a : jmx.server().getMBeanInfo(new ObjectName(bean)).getAttributes()) {
                    assertTrue(OPEN_TYPES.contains(a.getType()), bean + " " + a.getName() + " is " + a.getType());
                    jmx.get(bean, a.getName());
                }
            }

            // The change of health was an event, from the sampler. A sample may fall between the
            // calls above (DEGRADED on the way), so look for the change that reached UNHEALTHY.
            JsonNode changed = awaitEvent("health-changed", e -> "svc".equals(e.path("target").asText())
                    && "UNHEALTHY".equals(e.path("to").asText()));
            assertTrue(List.of("HEALTHY", "DEGRADED").contains(changed.path("from").asText()), changed.toString());

            jmx.invoke(SVC, "isolate");
            assertEquals(true, jmx.get(SVC, "Isolated"));
            // An isolated target short-circuits; with a fallback configured, the fallback answers.
            assertEquals("fb", run(app, "ok 1"), app.outputSoFar());
            assertEquals(1L, jmx.get(SVC, "ShortCircuits"));
            jmx.invoke(SVC, "release");
            assertEquals("ok0", run(app, "ok 1"));
            jmx.invoke(SVC, "resetCircuit");
            assertEquals("CLOSED", jmx.get(SVC, "CircuitState"));
            // Each operator action is in the healing log. svc has no circuit breaker, so its reset
            // changes nothing and logs nothing; a reset's one circuit-closed event is TargetBeanTest's.
            for (String type : List.of("isolated", "released")) {
                assertEquals("operator", awaitEvent(type, e -> "svc".equals(e.path("target").asText()))
                        .path("by").asText());
            }
            assertEquals(1, Events.read(events()).ofType("short-circuited").size());
        } finally {
            stop(app);
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void statusPrintsAnEightyColumnTableAndJsonAndEventsFindsTheLogByPid(Path jdk) throws Exception {
        ChildJvm.Running app = start(jdk, config("health: { window: 10m }\n" + SVC_TARGET));
        try {
            run(app, "ok 3");
            run(app, "fail 1");
            String pid = Long.toString(app.pid());

            ChildJvm.Result table = cli(jdk, "status", pid);
            assertEquals(0, table.exitCode(), table.describe());
            List<String> lines = table.stdout().lines().toList();
            for (String line : lines) {
                assertTrue(line.length() <= 80, "wider than 80 columns: " + line);
            }
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("TARGET") && l.contains("CIRCUIT")
                    && l.contains("HEALTH") && l.contains("LAST ERROR")), table.stdout());
            String row = lines.stream().filter(l -> l.startsWith("svc ")).findFirst()
                    .orElseThrow(() -> new AssertionError(table.stdout()));
            assertTrue(row.matches("svc\\s+4\\s+1\\s+1\\s+CLOSED\\s+UNHEALTHY\\s+IOException: backend.*"), row);

            ChildJvm.Result json = cli(jdk, "status", pid, "--json");
            assertEquals(0, json.exitCode(), json.describe());
            JsonNode status = JSON.readTree(json.stdout());
            assertEquals(app.pid(), status.path("pid").asLong());
            assertEquals("UNHEALTHY", status.path("health").asText());
            JsonNode svc = status.path("targets").get(0);
            assertEquals("svc", svc.path("name").asText());
            assertEquals(4, svc.path("calls").asLong());
            assertEquals(1, svc.path("healed").asLong());
            assertEquals("CLOSED", svc.path("circuitState").asText());
            assertEquals("java.io.IOException", svc.path("lastErrorType").asText());

            ChildJvm.Result log = cli(jdk, "events", pid);
            assertEquals(0, log.exitCode(), log.describe());
            assertTrue(log.stdout().lines().anyMatch(l -> l.contains("healed") && l.contains("svc")
                    && l.contains("OpsService.fails")), log.stdout());

            // --watch refreshes until the JVM it watches goes away.
            ChildJvm.Running watch = ChildJvm.on(jdk).classPath(ChildJvm.agentJar())
                    .main("io.selfheal.agent.AgentMain", "status", pid, "--watch").start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (occurrences(watch.outputSoFar(), "LAST ERROR") < 2 && System.nanoTime() < deadline) {
                sleep(100);
            }
            assertTrue(occurrences(watch.outputSoFar(), "LAST ERROR") >= 2, watch.outputSoFar());
            stop(app);
            ChildJvm.Result watched = watch.await(Duration.ofSeconds(60));
            assertEquals(0, watched.exitCode(), watched.describe());
            assertTrue(watched.stderr().contains("is gone"), watched.describe());
        } finally {
            stop(app);
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void metricsAndHealthAnswerOnlyWithTheBearerToken(Path jdk) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "s3cret-token\n");
        ChildJvm.Running app = start(jdk, config("http: { port: 0, bind: 127.0.0.1, token-file: " + token + " }\n"
                + "health: { window: 10m }\n" + SVC_TARGET));
        try (JmxClient jmx = JmxClient.attach(app.pid())) {
            run(app, "ok 6");
            run(app, "fail 2");
            String address = (String) jmx.get(AGENT, "HttpAddress");
            assertTrue(address != null && address.matches("127\\.0\\.0\\.1:\\d+"), address);
            HttpClient http = HttpClient.newHttpClient();
            URI metrics = URI.create("http://" + address + "/metrics");

            HttpResponse<String> none = http.send(HttpRequest.newBuilder(metrics).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, none.statusCode());
            assertEquals("", none.body());
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(metrics)
                    .header("Authorization", "Bearer s3cret-tokem").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
            assertEquals("", wrong.body());
            HttpResponse<String> noAuthHealth = http.send(HttpRequest.newBuilder(
                    URI.create("http://" + address + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, noAuthHealth.statusCode());

            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(metrics)
                    .header("Authorization", "Bearer s3cret-token").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertTrue(ok.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            Map<String, Double> m = parsePrometheus(ok.body());
            assertEquals(8.0, m.get("selfheal_calls_total{target=\"svc\"}"), ok.body());
            assertEquals(2.0, m.get("selfheal_failures_total{target=\"svc\"}"));
            assertEquals(2.0, m.get("selfheal_healed_total{target=\"svc\"}"));
            assertEquals(2.0, m.get("selfheal_fallbacks_total{target=\"svc\"}"));
            assertEquals(0.0, m.get("selfheal_circuit_state{target=\"svc\"}"));
            assertEquals(2.0, m.get("selfheal_health{target=\"svc\"}"), "25% is UNHEALTHY (2)");
            assertEquals(0.0, m.get("selfheal_agent_faults_total"));
            assertEquals(6.0, m.get("selfheal_latency_seconds_count{target=\"svc\"}"));
            assertTrue(m.containsKey("selfheal_latency_seconds{target=\"svc\",quantile=\"0.99\"}"));

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/health"))
                    .header("Authorization", "Bearer s3cret-token").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            JsonNode h = JSON.readTree(health.body());
            assertEquals("UNHEALTHY", h.path("health").asText());
            assertEquals("UNHEALTHY", h.path("targets").path("svc").path("health").asText());
            assertEquals("CLOSED", h.path("targets").path("svc").path("circuit").asText());
            assertEquals(0.25, h.path("targets").path("svc").path("errorRate").asDouble(), 1e-9);
        } finally {
            stop(app);
        }
    }

    /** Parses the text format strictly: every sample line is {@code name{labels} value}, every family typed. */
    static Map<String, Double> parsePrometheus(String body) {
        Map<String, Double> samples = new HashMap<>();
        Set<String> typed = new java.util.HashSet<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                typed.add(line.split(" ")[2]);
                continue;
            }
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String key = line.substring(0, space);
            assertTrue(key.matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*})?"),
                    "not a sample line: " + line);
            String family = key.replaceAll("\\{.*", "").replaceAll("_(count|sum)$", "");
            assertTrue(typed.contains(family) || typed.contains(key.replaceAll("\\{.*", "")), "no # TYPE for " + line);
            String value = line.substring(space + 1);
            samples.put(key, value.equals("NaN") ? Double.NaN : Double.parseDouble(value));
        }
        return samples;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void reloadAppliesAGoodConfigAtomicallyAndRejectsABadOneWhole(Path jdk) throws Exception {
        String svc = """
                targets:
                  - name: svc
                    class: io.selfheal.it.apps.OpsService
                    methods: [ fails ]
                    fallback: [ { value: "fb" } ]
                """;
        String other = """
                  - name: other
                    class: io.selfheal.it.apps.OpsOther
                    fallback: [ { value: "other-fb" } ]
                """;
        Path cfg = config(svc);
        ChildJvm.Running app = start(jdk, cfg);
        try (JmxClient jmx = JmxClient.attach(app.pid())) {
            assertEquals("fb", run(app, "fail 2"));
            assertEquals("threw java.lang.IllegalStateException: other broke on 0", run(app, "other 1"));
            jmx.invoke(SVC, "isolate");

            config(svc + other);
            String answer = (String) jmx.invoke(AGENT, "reloadConfig");
            assertTrue(answer.startsWith("reloaded: 2 targets (added [other]"), answer);
            assertEquals("other-fb", run(app, "other 1"), "OpsOther was retransformed");
            assertEquals(2L, jmx.get(SVC, "Calls"), "the unchanged target kept its counts");
            assertEquals(true, jmx.get(SVC, "Isolated"), "and its state");
            jmx.invoke(SVC, "release");
            assertEquals(1L, jmx.get(OTHER, "Healed"));
            JsonNode reloaded = awaitEvent("config-reloaded", e -> true);
            assertEquals("other", reloaded.path("added").get(0).asText());

            config(svc + other + "    retyr: { max-attempts: 2 }\n");
            String rejected = (String) jmx.invoke(AGENT, "reloadConfig");
            assertTrue(rejected.startsWith("rejected:") && rejected.contains("retyr"), rejected);
            JsonNode event = awaitEvent("config-rejected", e -> true);
            assertTrue(event.path("problems").get(0).asText().contains(":11:"), event.toString());
            assertEquals("other-fb", run(app, "other 1"), "the old config stays in force");
            assertEquals(2, jmx.get(AGENT, "Targets"));

            config(svc.replace("\"fb\"", "\"fb2\""));
            String back = (String) jmx.invoke(AGENT, "reloadConfig");
            assertTrue(back.contains("removed [other]") && back.contains("changed [svc]"), back);
            assertEquals("threw java.lang.IllegalStateException: other broke on 0", run(app, "other 1"),
                    "a removed target's class is unwoven");
            assertEquals("fb2", run(app, "fail 1"), "a changed target heals by its new config");
            assertEquals(1L, jmx.get(SVC, "Calls"), "a changed target starts afresh");
            assertFalse(jmx.server().isRegistered(new ObjectName(OTHER)));

            // What a reload cannot change is named, in the order of the agent's parts.
            Files.writeString(cfg, "events:\n  file: " + events() + "\n  stderr: true\nwatch-config: true\n"
                    + "http: { port: 0 }\n" + svc.replace("\"fb\"", "\"fb2\""));
            String restart = (String) jmx.invoke(AGENT, "reloadConfig");
            assertTrue(restart.endsWith("; [events, http, watch-config] take effect at the next start"), restart);
            JsonNode noted = awaitEvent("config-reloaded", e -> e.path("restartRequired").isArray());
            assertEquals("[\"events\",\"http\",\"watch-config\"]", noted.path("restartRequired").toString());
            assertEquals(0L, jmx.get(AGENT, "AgentFaults"));
        } finally {
            stop(app);
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void watchedConfigFileIsReloadedWhenItChanges(Path jdk) throws Exception {
        String base = """
                watch-config: true
                targets:
                  - name: svc
                    class: io.selfheal.it.apps.OpsService
                    fallback: [ { value: "fb" } ]
                """;
        ChildJvm.Running app = start(jdk, config(base));
        try {
            assertEquals("threw java.lang.IllegalStateException: other broke on 0", run(app, "other 1"));
            config(base + """
                      - name: other
                        class: io.selfheal.it.apps.OpsOther
                        fallback: [ { value: "other-fb" } ]
                    """);
            awaitEvent("config-reloaded", e -> true);
            assertEquals("other-fb", run(app, "other 1"));
            config(base + "bogus: 1\n");
            JsonNode rejected = awaitEvent("config-rejected", e -> true);
            assertTrue(rejected.path("problems").toString().contains("bogus"), rejected.toString());
            assertEquals("other-fb", run(app, "other 1"));
        } finally {
            stop(app);
        }
    }
}
