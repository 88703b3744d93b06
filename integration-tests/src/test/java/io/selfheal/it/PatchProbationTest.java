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
    }

    private Path patch(String file, String metadata, String... variants) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (String v : variants) {
            classes.putAll(COMPILED.get(v));
        }
        return PatchJars.sign(PatchJars.jar(dir.resolve(file), classes, metadata), patcher);
    }

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
        ChildJvm.Running running = child(jdk, config("", """
                  - class: io.selfheal.it.apps.patch.InventoryService
                    fallback: [ { value: cached } ]
                """), "greet:before", "ready", "await:go=" + go, "greet:after").start();
        try {
            running.awaitOutput("READY", Duration.ofSeconds(60));
            String pid = Long.toString(running.pid());
            AgentCli.Outcome dryRun = AgentCli.run(jdk, "patch", pid, jar.toString(), "--dry-run");
            assertEquals(0, dryRun.exit(), dryRun.toString());
            assertTrue(dryRun.out().startsWith("patch fix-greeting would apply (dry run, nothing changed): " + PKG
                    + "Greeter (in 2 class loaders)"), dryRun.toString());
            AgentCli.Outcome none = AgentCli.run(jdk, "patches", pid);
            assertEquals("no patch is applied in JVM " + pid, none.out().strip(), none.toString());

            AgentCli.Outcome applied = AgentCli.run(jdk, "patch", pid, jar.toString());
            assertEquals(0, applied.exit(), applied.toString());
            AgentCli.Outcome again = AgentCli.run(jdk, "patch", pid, jar.toString(), "--dry-run");
            assertEquals(1, again.exit(), again.toString());
            assertTrue(again.err().contains("patch would be rejected: patch fix-greeting is already applied"),
                    again.toString());

            AgentCli.Outcome list = AgentCli.run(jdk, "patches", pid);
            assertTrue(list.out().contains("sha256 " + sha + "  signed by CN=patcher,O=selfheal tests (SHA-256 "
                    + fingerprint + ")  applied by cli (user " + user + ")"), list.toString());
            try (JmxClient jmx = JmxClient.attach(running.pid())) {
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
        assertEquals(1, events().ofType("patch-applied").size(), "the dry runs applied nothing: " + events());
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
