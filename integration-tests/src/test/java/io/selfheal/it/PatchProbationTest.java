package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.it.support.AgentCli;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import io.selfheal.it.support.JmxClient;
import io.selfheal.it.support.PatchJars;
import io.selfheal.it.support.PatchJars.Signer;
import io.selfheal.it.support.PatchSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 23: where a patch came from (the jar's hash, its signer, who applied it), the checks
 * before shipping (offline {@code check-patch}, {@code patch --dry-run}), and probation, in
 * child JVMs on JDK 17 and 25 with jars compiled, packed and signed by the JDK's tools.
 */
class PatchProbationTest {
    private static final String APP = "io.selfheal.it.apps.patch.PatchApp";
    private static final String PKG = PatchSources.PKG;
    private static final String AGENT = "io.selfheal:type=Agent";
    private static final String TRUST_PASSWORD_ENV = "SELFHEAL_TEST_TRUST_PASSWORD";
    private static final String TRUST_PASSWORD = "trustpass";

    @TempDir
    static Path keys;
    private static Signer patcher;
    private static Path trustStore;
    private static final Map<String, Map<String, byte[]>> COMPILED = new LinkedHashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void keysAndClasses() throws IOException {
        patcher = PatchJars.signer(keys, "patcher");
        trustStore = PatchJars.trustStore(keys, TRUST_PASSWORD, patcher);
        COMPILED.put("greeter-fixed", PatchSources.compile(keys, "Greeter", PatchSources.GREETER_HELLO));
        COMPILED.put("quotes-worse", PatchSources.compile(keys, "QuoteService", """
                public class QuoteService {
                    public int quote(int i) {
                        if (i % 2 == 0) {
                            throw new IllegalStateException("worse: no quote for " + i);
                        }
                        return i;
                    }
                }"""));
        COMPILED.put("quotes-better", PatchSources.compile(keys, "QuoteService", """
                public class QuoteService {
                    public int quote(int i) {
                        return i;
                    }
                }"""));
        COMPILED.put("quotes-other", PatchSources.compile(keys, "QuoteService", """
                public class QuoteService {
                    public int quote(int i) {
                        return Math.abs(i);
                    }
                }"""));
    }

    /** Signed jars by file name, made once for every test and JDK (jarsigner is slow). */
    private static final Map<String, Path> SIGNED = new LinkedHashMap<>();

    private static Path patch(String file, String metadata, String... variants) throws IOException {
        Path made = SIGNED.get(file);
        if (made == null) {
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (String v : variants) {
                classes.putAll(COMPILED.get(v));
            }
            made = PatchJars.sign(PatchJars.jar(keys.resolve("jars").resolve(file), classes, metadata), patcher);
            SIGNED.put(file, made);
        }
        return made;
    }

    private static final String QUOTES_TARGET = """
              - name: quotes
                class: io.selfheal.it.apps.patch.QuoteService
                fallback: [ { value: -1 } ]
            """;

    private Path config(String hotPatch, String targets) throws IOException {
        Path file = dir.resolve("selfheal.yaml");
        Files.writeString(file, "events:\n  file: " + dir.resolve("events.jsonl") + "\n"
                + "state-dir: " + dir.resolve("state") + "\n"
                + "hot-patch:\n  truststore: { path: " + trustStore + ", password-env: " + TRUST_PASSWORD_ENV + " }\n"
                + hotPatch.indent(2)
                + "targets:\n" + targets);
        return file;
    }

    private ChildJvm child(Path jdk, Path config, String... steps) {
        return ChildJvm.on(jdk).agent(config).env(TRUST_PASSWORD_ENV, TRUST_PASSWORD).main(APP, steps);
    }

    private Events events() {
        return Events.read(dir.resolve("events.jsonl"));
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aPatchCarriesWhereItCameFromAndIsCheckedBeforeItIsApplied(Path jdk) throws Exception {
        Path jar = patch("fix.jar", "id: fix-greeting\ndescription: says hello\n", "greeter-fixed");
        String user = System.getProperty("user.name");
        AgentCli.Outcome offline = AgentCli.run(jdk, Map.of(TRUST_PASSWORD_ENV, TRUST_PASSWORD), "check-patch",
                jar.toString(), "--against", ChildJvm.appsClasses().toString(), "--truststore", trustStore.toString(),
                "--truststore-password-env", TRUST_PASSWORD_ENV);
        assertEquals(0, offline.exit(), offline.toString());
        assertEquals(PKG + "Greeter: method bodies only; 1 changed: java.lang.String greet(java.lang.String)",
                offline.out().lines().findFirst().orElse(""), offline.toString());
        assertTrue(offline.out().contains("patch fix-greeting passes every check against "), offline.toString());

        String sha = sha256(jar);
        String fingerprint = fingerprint();
        Path go = dir.resolve("go");
        Path better = patch("better.jar", "id: better\n", "quotes-better");
        Path cfg = config("", QUOTES_TARGET);
        Files.writeString(cfg, Files.readString(cfg) + "http: { port: 0, bind: 127.0.0.1 }\n");
        ChildJvm.Running running = child(jdk, cfg, "greet:before", "ready", "await:go=" + go, "greet:after").start();
        try {
            running.awaitOutput("READY", Duration.ofSeconds(60));
            String pid = Long.toString(running.pid());
            AgentCli.Outcome dryRun = AgentCli.run(jdk, "patch", pid, jar.toString(), "--dry-run");
            assertEquals(0, dryRun.exit(), dryRun.toString());
            assertTrue(dryRun.out().startsWith("patch fix-greeting would apply (dry run, nothing changed): " + PKG
                    + "Greeter (in 2 class loaders)"), dryRun.toString());
            try (JmxClient jmx = JmxClient.attach(running.pid())) {
                assertEquals(0, ((CompositeData[]) jmx.invoke(AGENT, "patches")).length, "the dry run applied nothing");
            }

            AgentCli.Outcome applied = AgentCli.run(jdk, "patch", pid, jar.toString());
            assertEquals(0, applied.exit(), applied.toString());

            // a probation from the command line's flags
            AgentCli.Outcome onProbation = AgentCli.run(jdk, "patch", pid, better.toString(), "--probation-for", "10m",
                    "--rollback-if", "error-rate > before * 2 or consecutive-failures > 5", "--min-calls", "10");
            assertEquals(0, onProbation.exit(), onProbation.toString());
            AgentCli.Outcome list = AgentCli.run(jdk, "patches", pid);
            assertTrue(list.out().contains("\nbetter  on-probation  "), list.toString());
            assertTrue(list.out().contains("    probation: on probation until "), list.toString());
            assertTrue(list.out().contains("for 10m, rollback-if 'error-rate > before * 2 or consecutive-failures > 5',"
                    + " min-calls 10; judged by quotes"), list.toString());
            assertTrue(list.out().contains("sha256 " + sha + "  signed by CN=patcher,O=selfheal tests (SHA-256 "
                    + fingerprint + ")  applied by cli (user " + user + ")"), list.toString());
            AgentCli.Outcome status = AgentCli.run(jdk, "status", pid);
            assertTrue(status.out().contains("\npatch fix-greeting  applied\n"), status.toString());
            assertTrue(status.out().contains("\npatch better  on-probation  on probation until "), status.toString());
            try (JmxClient jmx = JmxClient.attach(running.pid())) {
                String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://" + jmx.get(AGENT, "HttpAddress") + "/metrics")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.contains("selfheal_patch_info{id=\"fix-greeting\",sha256=\"" + sha
                        + "\",state=\"applied\"} 1\n"), metrics);
                assertTrue(metrics.contains("selfheal_patch_info{id=\"better\",sha256=\"" + sha256(better)
                        + "\",state=\"on-probation\"} 1\n"), metrics);
                CompositeData row = ((CompositeData[]) jmx.invoke(AGENT, "patches"))[0];
                assertEquals("fix-greeting", row.get("id"));
                assertEquals("says hello", row.get("description"));
                assertEquals(sha, row.get("sha256"));
                assertEquals("CN=patcher,O=selfheal tests", row.get("signerSubject"));
                assertEquals(fingerprint, row.get("signerFingerprint"));
                assertEquals("cli", row.get("via"));
                assertEquals(user, row.get("user"));
            }
            Files.createFile(go);
            ChildJvm.Result r = running.await(Duration.ofSeconds(60));
            assertEquals("helo ann", r.result("before"), r.describe());
            assertEquals("hello ann", r.result("after"), r.describe());
        } finally {
            if (!Files.exists(go)) {
                Files.createFile(go);
            }
        }
        assertEquals(2, events().ofType("patch-applied").size(), "the dry runs applied nothing: " + events());
        assertEquals(0, events().ofType("patch-rejected").size(), "a dry run is no rejection: " + events());
        JsonNode e = events().ofType("patch-applied").get(0);
        assertEquals("fix-greeting", e.path("id").asText(), e.toString());
        assertEquals("says hello", e.path("description").asText(), e.toString());
        assertEquals(sha, e.path("sha256").asText(), e.toString());
        assertEquals("CN=patcher,O=selfheal tests", e.path("signerSubject").asText(), e.toString());
        assertEquals(fingerprint, e.path("signerFingerprint").asText(), e.toString());
        assertEquals("cli", e.path("via").asText(), e.toString());
        assertEquals("cli", e.path("by").asText(), e.toString());
        assertEquals(user, e.path("user").asText(), e.toString());
    }

    /**
     * A patch that raises the error rate is rolled back by probation within a second, with the
     * figures that decided; one that lowers it is kept at the end; one that sees fewer calls than
     * min-calls is kept without a verdict, and the event says so. One JVM, probations by JMX.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void probationRollsBackAWorsePatchKeepsABetterOneAndGivesNoVerdictOnTooFewCalls(Path jdk) throws Exception {
        Path worse = patch("worse.jar", "id: worse\n", "quotes-worse");
        Path better = patch("better.jar", "id: better\n", "quotes-better");
        Path other = patch("other.jar", "id: few\n", "quotes-other");
        ChildJvm.Result r = child(jdk, config("", QUOTES_TARGET),
                "quotes:warm=200",
                "applyOn:worse=" + worse + "|{ for: 30s, rollback-if: 'error-rate > before * 1.5 or latency-p99 > before"
                        + " * 2', min-calls: 50 }",
                "patches:onProbation",
                "quotes:during=200",
                "awaitPatch:rolledBack=worse|gone",
                "applyOn:better=" + better + "|{ for: 2s, rollback-if: 'error-rate > before * 1.5', min-calls: 50 }",
                "quotes:betterCalls=200",
                "awaitPatch:kept=better|kept",
                "applyOn:few=" + other + "|{ for: 1s, rollback-if: 'error-rate > before', min-calls: 1000 }",
                "quotes:fewCalls=10",
                "awaitPatch:noVerdict=few|kept",
                "patches:end").run();
        assertEquals("failures 20 of 200", r.result("warm").split(",")[0], r.describe());
        assertEquals("worse on-probation " + PKG + "QuoteService", r.result("onProbation"), r.describe());
        assertEquals("failures 100 of 200", r.result("during").split(",")[0], r.describe());
        assertTrue(r.result("rolledBack").startsWith("gone after "), r.describe());
        assertTrue(r.result("kept").startsWith("kept after "), r.describe());
        assertTrue(r.result("noVerdict").startsWith("kept after "), r.describe());
        assertEquals("better kept " + PKG + "QuoteService | few kept " + PKG + "QuoteService", r.result("end"),
                r.describe());

        JsonNode rolledBack = events().ofType("patch-rolled-back").get(0);
        assertEquals("worse", rolledBack.path("id").asText(), rolledBack.toString());
        assertEquals("probation", rolledBack.path("by").asText(), rolledBack.toString());
        JsonNode quotes = rolledBack.path("figures").path("quotes");
        assertTrue(quotes.path("calls").asLong() >= 50, rolledBack.toString());
        assertTrue(quotes.path("error-rate").asDouble() >= 0.4, rolledBack.toString());
        assertEquals(0.1, quotes.path("before").path("error-rate").asDouble(), 1e-9, rolledBack.toString());
        assertTrue(rolledBack.path("decidedBy").asText().startsWith("quotes: error-rate "), rolledBack.toString());
        assertTrue(rolledBack.path("decidedBy").asText().contains(" > before 0.1 * 1.5 (0.15)"), rolledBack.toString());
        // within a second of the condition holding (it held by the end of the calls at the latest)
        long endedAt = Long.parseLong(r.result("during").replaceAll(".*ended at ", ""));
        long rolledBackAt = java.time.Instant.parse(rolledBack.path("ts").asText()).toEpochMilli();
        assertTrue(rolledBackAt - endedAt < 1_000, (rolledBackAt - endedAt) + " ms after the calls\n" + rolledBack);

        JsonNode kept = keptEvent("better");
        assertTrue(kept.path("verdict").asBoolean(), kept.toString());
        assertEquals(200, kept.path("figures").path("quotes").path("calls").asLong(), kept.toString());
        assertEquals(0.0, kept.path("figures").path("quotes").path("error-rate").asDouble(), 1e-9, kept.toString());
        JsonNode few = keptEvent("few");
        assertTrue(few.path("verdict").isBoolean() && !few.path("verdict").asBoolean(), few.toString());
        assertTrue(few.path("message").asText().contains("kept without a verdict: fewer than min-calls (1000) calls"),
                few.toString());
        assertEquals(10, few.path("figures").path("quotes").path("calls").asLong(), few.toString());
    }

    /**
     * A patch kept by probation stays kept across a restart; one still on probation (from the jar's
     * own metadata) resumes it in the next JVM, with the {@code before} of the first, and is
     * rolled back there. The default probation of the config judges the first.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void probationAndItsVerdictSurviveARestart(Path jdk) throws Exception {
        Path better = patch("better.jar", "id: better\n", "quotes-better");
        Path worse = patch("worse-on-probation.jar", """
                id: worse
                probation:
                  for: 2m
                  targets: [ quotes ]
                  rollback-if: "error-rate > before * 2"
                  min-calls: 100
                """, "quotes-worse");
        Path cfg = config("""
                reapply-on-restart: true
                probation: { for: 1s, rollback-if: "error-rate > before * 1.5", min-calls: 20 }
                """, QUOTES_TARGET);
        Path greeter = patch("fix.jar", "id: fix-greeting\ndescription: says hello\n", "greeter-fixed");
        ChildJvm.Result first = child(jdk, cfg, "quotes:warm=200", "apply:better=" + better, "quotes:b=100",
                "awaitPatch:kept=better|kept", "apply:worse=" + worse, "quotes:few=20", "patches:list",
                "apply:greeter=" + greeter).run();
        assertTrue(first.result("kept").startsWith("kept after "), first.describe());
        assertEquals("better kept " + PKG + "QuoteService | worse on-probation " + PKG + "QuoteService",
                first.result("list"), first.describe());
        // the config's default probation has no target on Greeter: that patch goes in without one
        JsonNode unjudged = events().ofType("patch-applied").get(2);
        assertEquals("fix-greeting", unjudged.path("id").asText(), unjudged.toString());
        assertTrue(unjudged.path("probation").isMissingNode(), unjudged.toString());
        assertTrue(unjudged.path("probationSkipped").asText().startsWith("hot-patch.probation: the probation has no"
                + " target to judge the patch: no target of the config is on " + PKG + "Greeter"), unjudged.toString());

        ChildJvm.Result second = child(jdk, cfg, "patches:restarted", "quotes:after=200",
                "awaitPatch:rolledBack=worse|gone", "quotes:fixed=100", "patches:end").run();
        assertEquals("better kept " + PKG + "QuoteService | worse on-probation " + PKG + "QuoteService"
                + " | fix-greeting applied at load " + PKG + "Greeter", second.result("restarted"), second.describe());
        assertTrue(second.result("rolledBack").startsWith("gone after "), second.describe());
        assertEquals("failures 0 of 100", second.result("fixed").split(",")[0], second.describe());
        assertEquals("better kept " + PKG + "QuoteService | fix-greeting applied at load " + PKG + "Greeter",
                second.result("end"), second.describe());
        JsonNode rolledBack = events().ofType("patch-rolled-back").get(0);
        assertEquals("worse", rolledBack.path("id").asText(), rolledBack.toString());
        assertEquals("probation", rolledBack.path("by").asText(), rolledBack.toString());
        // the before read in the first JVM: 20 failures in 300 calls
        assertEquals(0.0667, rolledBack.path("figures").path("quotes").path("before").path("error-rate").asDouble(),
                1e-4, rolledBack.toString());
        assertEquals(List.of("better", "fix-greeting"),
                Files.readAllLines(dir.resolve("state/hot-patches/applied.list")));
    }

    private JsonNode keptEvent(String id) {
        for (JsonNode e : events().ofType("patch-kept")) {
            if (e.path("id").asText().equals(id)) {
                return e;
            }
        }
        throw new AssertionError("no patch-kept event for " + id + ": " + events());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** The patcher certificate's SHA-256 fingerprint as keytool prints it. */
    private static String fingerprint() throws Exception {
        KeyStore ks = KeyStore.getInstance(trustStore.toFile(), TRUST_PASSWORD.toCharArray());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(ks.getCertificate("patcher").getEncoded());
        StringBuilder sb = new StringBuilder();
        for (byte b : digest) {
            sb.append(sb.length() == 0 ? "" : ":").append(String.format(Locale.ROOT, "%02X", b & 0xFF));
        }
        return sb.toString();
    }
}
