package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.it.support.AgentCli;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import io.selfheal.it.support.JmxClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.management.ObjectName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19: drills from the command line and JMX, with their verdict, in one running application
 * per JDK (io.selfheal.it.apps.drill.DrillApp: a thread per target calls it and checks every answer).
 */
class DrillTest {
    private static final String APP = "io.selfheal.it.apps.drill.DrillApp";
    private static final String AGENT = "io.selfheal:type=Agent";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path events() {
        return dir.resolve("events.jsonl");
    }

    private static final String TARGETS = """
            http: { port: 0 }
            targets:
              - name: retried
                class: io.selfheal.it.apps.drill.DrillService
                methods: [ quote ]
                retry: { max-attempts: 3, backoff: { initial: 1ms, max: 1ms } }
              - name: bare
                class: io.selfheal.it.apps.drill.DrillService
                methods: [ twice ]
              - name: slow
                class: io.selfheal.it.apps.drill.DrillService
                methods: [ slowQuote ]
                timeout: 200ms
                fallback: [ { value: "fb" } ]
              - name: answer
                class: io.selfheal.it.apps.drill.DrillService
                methods: [ price ]
            """;

    private Path config(String drills) throws Exception {
        Path file = dir.resolve("selfheal.yaml");
        Files.writeString(file, "events:\n  file: " + events() + "\n" + drills + "\n" + TARGETS);
        return file;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void drillsInjectFollowEveryTouchedCallAndGiveTheVerdict(Path jdk) throws Exception {
        Path cfg = config("");   // no drills: block: drills are off
        ChildJvm.Running app = ChildJvm.on(jdk).agent(cfg).main(APP).start();
        app.awaitOutput("READY ", Duration.ofSeconds(60));
        String pid = Long.toString(app.pid());
        try (JmxClient jmx = JmxClient.attach(app.pid())) {
            // Off unless the config allows them: refused, exit 2, with the reason.
            AgentCli.Outcome refused = AgentCli.run(jdk, "drill", pid, "retried", "--throw", "java.io.IOException");
            assertEquals(2, refused.exit(), refused.toString());
            assertTrue(refused.err().contains("drills.enabled"), refused.toString());
            assertTrue(Events.read(events()).ofType("drill-started").isEmpty());

            config("drills: { enabled: true, max-rate: 0.5, max-duration: 30s }");
            reload(jmx);

            // --throw on a target with retry: every touched call heals; the counts equal the events.
            AgentCli.Outcome retried = AgentCli.run(jdk, "drill", pid, "retried", "--throw",
                    "java.io.IOException:drill-boom", "--calls", "10");
            assertEquals(0, retried.exit(), retried.toString());
            JsonNode r = JSON.readTree(retried.out().trim());
            assertEquals("calls", r.get("ended").asText());
            assertEquals(10, r.get("touched").asLong());
            assertEquals(10, r.get("healed").asLong());
            assertEquals(10, r.get("healedBy").get("retry").asLong());
            assertEquals(0, r.get("unhealed").asLong());
            assertEquals(0, r.get("untouchedFailures").asLong());
            assertTrue(r.get("calls").asLong() >= 19 && r.get("calls").asLong() <= 20, "rate 1.0 capped to 0.5: " + r);
            for (String field : List.of("healMillisP50", "healMillisP99")) {
                assertTrue(r.has(field), field);
            }
            JsonNode ended = awaitDrillEnded("retried", 1);
            assertEquals(10, ended.get("healed").asLong());
            List<JsonNode> healed = Events.read(events()).ofType("healed").stream()
                    .filter(e -> e.get("target").asText().equals("retried")).toList();
            assertEquals(10, healed.stream().filter(e -> e.path("drill").asBoolean()).count(), healed.toString());
            assertEquals(10, healed.size(), "no healed event without drill: true: the app itself never failed");
            String retriedBean = "io.selfheal:type=Target,name=retried";
            assertEquals(10L, jmx.get(retriedBean, "DrillFaults"));
            assertEquals(0L, jmx.get(retriedBean, "Failures"), "a drill's faults are counted apart");
            String metrics = metrics(jmx);
            assertTrue(metrics.contains("selfheal_drill_faults_total{target=\"retried\"} 10"), metrics);
            assertTrue(metrics.contains("selfheal_failures_total{target=\"retried\"} 0"), metrics);

            // A target without healing: exit 1, unhealed equal to touched; the app saw exactly those.
            AgentCli.Outcome bare = AgentCli.run(jdk, "drill", pid, "bare", "--throw",
                    "java.lang.IllegalStateException:drill x", "--calls", "6");
            assertEquals(1, bare.exit(), bare.toString());
            JsonNode b = JSON.readTree(bare.out().trim());
            assertEquals(6, b.get("touched").asLong());
            assertEquals(6, b.get("unhealed").asLong());
            assertEquals(0, b.get("healed").asLong());
            assertEquals("other={} thrown={java.lang.IllegalStateException:drill x=6}", afterRight(stats(app, "bare")),
                    "the application's results outside touched calls are unchanged");

            // --latency on a target with timeout: and a fallback: healed by timeout (JMX this time).
            JsonNode slow = drillOverJmx(jmx, "slow", "--latency 1s --calls 3");
            assertEquals(3, slow.get("healedBy").get("timeout").asLong(), slow.toString());
            assertEquals(0, slow.get("unhealed").asLong());
            assertTrue(slow.get("healMillisP50").asLong() >= 150, slow.toString());
            assertEquals("other={fb=3} thrown={}", afterRight(stats(app, "slow")));

            // --return answers the literal, converted to the return type, without the body.
            JsonNode answer = drillOverJmx(jmx, "answer", "--return 42 --calls 4");
            assertEquals(4, answer.get("touched").asLong());
            assertEquals("other={42=4} thrown={}", afterRight(stats(app, "answer")));

            // drill-stop ends a drill; the waiting drill command prints the report and exits.
            CompletableFuture<AgentCli.Outcome> waiting = CompletableFuture.supplyAsync(() -> cli(jdk, "drill", pid,
                    "retried", "--throw", "java.io.IOException", "--for", "25s"));
            awaitRunning(jmx, "retried");
            AgentCli.Outcome stop = AgentCli.run(jdk, "drill-stop", pid, "retried");
            assertEquals(0, stop.exit(), stop.toString());
            AgentCli.Outcome stopped = waiting.get();
            assertEquals(0, stopped.exit(), stopped.toString());
            assertEquals("drill-stop", JSON.readTree(stopped.out().trim()).get("ended").asText(), stopped.toString());

            // A reload ends a running drill; the new caps apply to the next.
            jmx.server().invoke(new ObjectName("io.selfheal:type=Target,name=bare"), "startDrill",
                    new Object[] {"--throw java.io.IOException --for 1m"}, new String[] {String.class.getName()});
            config("drills: { enabled: true, max-rate: 0.25, max-duration: 1500ms }");
            reload(jmx);
            assertEquals("config-reload", awaitDrillEnded("bare", 2).get("ended").asText());

            // Caps: --rate 1 runs at max-rate, --for 1m at max-duration, and the drill ends at its time.
            JsonNode capped = drillOverJmx(jmx, "retried", "--throw java.io.IOException --rate 1 --for 1m");
            assertEquals("time", capped.get("ended").asText(), capped.toString());
            assertEquals(0.25, capped.get("rate").asDouble());
            assertEquals(1500, capped.get("forMs").asLong());
            assertTrue(capped.get("durationMs").asLong() >= 1500 && capped.get("durationMs").asLong() < 10_000,
                    capped.toString());
            long calls = capped.get("calls").asLong();
            assertTrue(Math.abs(capped.get("touched").asLong() - calls / 4) <= 1, capped.toString());
            assertEquals(0, capped.get("unhealed").asLong(), capped.toString());

            assertEquals("right=", stats(app, "retried").substring(0, 6));
            assertTrue(stats(app, "retried").endsWith("other={} thrown={}"), "retry healed every touched call");

            // A drill never outlives the JVM: its report is written at the exit.
            jmx.server().invoke(new ObjectName("io.selfheal:type=Target,name=bare"), "startDrill",
                    new Object[] {"--throw java.io.IOException"}, new String[] {String.class.getName()});
        }
        app.send("quit");
        assertTrue(app.finishesWithin(Duration.ofSeconds(20)), "the JVM exits with a drill running");
        assertEquals("jvm-exit", awaitDrillEnded("bare", 3).get("ended").asText());
    }

    private static AgentCli.Outcome cli(Path jdk, String... args) {
        try {
            return AgentCli.run(jdk, args);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void reload(JmxClient jmx) {
        String answer = (String) jmx.invoke(AGENT, "reloadConfig");
        assertTrue(answer.startsWith("reloaded"), answer);
    }

    private static String metrics(JmxClient jmx) throws Exception {
        String address = (String) jmx.get(AGENT, "HttpAddress");
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + address + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    /** Starts a drill through the Target MBean and polls its DrillReport until it is final. */
    private static JsonNode drillOverJmx(JmxClient jmx, String target, String options) throws Exception {
        ObjectName bean = new ObjectName("io.selfheal:type=Target,name=" + target);
        jmx.server().invoke(bean, "startDrill", new Object[] {options}, new String[] {String.class.getName()});
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode r = JSON.readTree((String) jmx.server().getAttribute(bean, "DrillReport"));
            if (!r.get("ended").isNull()) {
                return r;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the drill on " + target + " never ended");
    }

    private static void awaitRunning(JmxClient jmx, String target) throws Exception {
        ObjectName bean = new ObjectName("io.selfheal:type=Target,name=" + target);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String r = (String) jmx.server().getAttribute(bean, "DrillReport");
            if (r != null && JSON.readTree(r).get("ended").isNull()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no drill started on " + target);
    }

    /** The {@code n}th drill-ended event of the target, polled (the log is written off the caller's thread). */
    private JsonNode awaitDrillEnded(String target, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> ended = Events.read(events()).ofType("drill-ended").stream()
                    .filter(e -> e.get("target").asText().equals(target)).toList();
            if (ended.size() >= n) {
                return ended.get(n - 1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no drill-ended #" + n + " for " + target + " in:\n" + Events.read(events()));
    }

    private static String stats(ChildJvm.Running app, String target) {
        String done = "DONE stats " + target + " ";
        int before = app.outputSoFar().split(done, -1).length;
        app.send("stats " + target);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String out = app.outputSoFar();
            if (out.split(done, -1).length > before) {
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
        throw new AssertionError("no stats from the app:\n" + app.outputSoFar());
    }

    /** The tally without its count of right answers, which grows while the app runs. */
    private static String afterRight(String stats) {
        return stats.substring(stats.indexOf(' ') + 1);
    }
}
