package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.it.support.AgentCli;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import io.selfheal.it.support.PatchJars;
import io.selfheal.it.support.PatchJars.Signer;
import io.selfheal.it.support.PatchSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 5: hot patching in real child JVMs on JDK 17 and 25, with patch jars compiled, packed,
 * and signed by the JDK's tools while the test runs.
 */
class HotPatchTest {
    private static final String APP = "io.selfheal.it.apps.patch.PatchApp";
    private static final String PKG = PatchSources.PKG;
    private static final String TRUST_PASSWORD_ENV = "SELFHEAL_TEST_TRUST_PASSWORD";
    private static final String TRUST_PASSWORD = "trustpass";

    @TempDir
    static Path keys;
    private static Signer patcher;
    private static Signer stranger;
    private static Path trustStore;
    private static Path strangersOnlyTrustStore;
    private static Path classesDir;
    private static final Map<String, Map<String, byte[]>> COMPILED = new LinkedHashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void keysAndClasses() throws IOException {
        patcher = PatchJars.signer(keys, "patcher");
        stranger = PatchJars.signer(keys, "stranger");
        trustStore = PatchJars.trustStore(keys, TRUST_PASSWORD, patcher);
        strangersOnlyTrustStore = PatchJars.trustStore(Files.createDirectory(keys.resolve("strangers")), TRUST_PASSWORD,
                stranger);
        classesDir = keys;
        compile("greeter-fixed", "Greeter", PatchSources.GREETER_HELLO);
        compile("greeter-hi", "Greeter", PatchSources.GREETER_HI);
        compile("greeter-schema", "Greeter", PatchSources.GREETER_FIELD_AND_METHOD_ADDED);
        compile("calculator-fixed", "PriceCalculator", """
                public class PriceCalculator {
                    public int total(int a, int b) {
                        return a + b;
                    }
                }""");
        compile("calculator-synchronized", "PriceCalculator", """
                public class PriceCalculator {
                    public synchronized int total(int a, int b) {
                        return a + b;
                    }
                }""");
        compile("not-loaded", "NotLoadedYet", PatchSources.NOT_LOADED_YET);
        compile("inventory", "InventoryService", """
                import java.io.IOException;
                public class InventoryService {
                    public String stock(String item) throws IOException {
                        throw new IOException("patched: still down for " + item);
                    }
                }""");
        compile("divider-fixed", "Divider", """
                public class Divider {
                    public int divide(int a, int b) {
                        return b == 0 ? 0 : a / b;
                    }
                }""");
    }

    private static void compile(String key, String simpleName, String body) throws IOException {
        COMPILED.put(key, PatchSources.compile(classesDir, simpleName, body));
    }

    /** A jar of the compiled variants {@code keys}, with id {@code id} (null: no metadata), signed by {@code signer}. */
    private Path patch(String file, String id, Signer signer, String... variants) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (String v : variants) {
            classes.putAll(COMPILED.get(v));
        }
        Path jar = PatchJars.jar(dir.resolve(file), classes,
                id == null ? null : "id: " + id + "\ndescription: test patch " + id + "\n");
        return signer == null ? jar : PatchJars.sign(jar, signer);
    }

    private Path config(String hotPatch, String targets) throws IOException {
        Path file = dir.resolve("selfheal.yaml");
        Files.writeString(file, "events:\n  file: " + dir.resolve("events.jsonl") + "\n"
                + "state-dir: " + dir.resolve("state") + "\n"
                + "hot-patch:\n" + hotPatch.indent(2)
                + "targets:\n" + (targets == null ? """
                  - class: io.selfheal.it.apps.patch.InventoryService
                    fallback: [ { value: "cached" } ]
                """ : targets));
        return file;
    }

    private String signed(String extra) {
        return "truststore: { path: " + trustStore + ", password-env: " + TRUST_PASSWORD_ENV + " }\n" + extra;
    }

    private ChildJvm child(Path jdk, Path config, String... steps) {
        return ChildJvm.on(jdk).agent(config).env(TRUST_PASSWORD_ENV, TRUST_PASSWORD).main(APP, steps);
    }

    private Events events() {
        return Events.read(dir.resolve("events.jsonl"));
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aFixedMethodTakesEffectWithoutRestartInEveryClassLoaderAndRollsBack(Path jdk) throws IOException {
        Path jar = patch("fix.jar", "fix-greeting", patcher, "greeter-fixed");
        ChildJvm.Result r = child(jdk, config(signed(""), null), "greet:before", "isolated:isolatedBefore",
                "apply:applied=" + jar, "greet:after", "isolated:isolatedAfter", "patches:list",
                "rollback:rolledBack=fix-greeting", "greet:afterRollback", "isolated:isolatedAfterRollback",
                "patches:listAfterRollback").run();
        assertEquals("helo ann", r.result("before"), r.describe());
        assertEquals("helo bob", r.result("isolatedBefore"), r.describe());
        assertEquals("patch fix-greeting applied: " + PKG + "Greeter (in 2 class loaders)", r.result("applied"), r.describe());
        assertEquals("hello ann", r.result("after"), r.describe());
        assertEquals("hello bob", r.result("isolatedAfter"), r.describe());
        assertEquals("fix-greeting applied " + PKG + "Greeter", r.result("list"), r.describe());
        assertTrue(r.result("rolledBack").startsWith("patch fix-greeting rolled back"), r.describe());
        assertEquals("helo ann", r.result("afterRollback"), r.describe());
        assertEquals("helo bob", r.result("isolatedAfterRollback"), r.describe());
        assertEquals("none", r.result("listAfterRollback"), r.describe());

        JsonNode applied = events().ofType("patch-applied").get(0);
        assertEquals("fix-greeting", applied.path("id").asText());
        assertEquals("jmx", applied.path("via").asText());
        assertEquals(2, applied.path("loaders").asInt());
        assertEquals("test patch fix-greeting", applied.path("description").asText());
        assertEquals(PKG + "Greeter", applied.path("classes").get(0).asText());
        assertEquals("fix-greeting", events().ofType("patch-rolled-back").get(0).path("id").asText(), events().toString());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void stackedPatchesRollBackNewestFirst(Path jdk) throws IOException {
        Path first = patch("first.jar", "fix-greeting", patcher, "greeter-fixed");
        Path second = patch("second.jar", "greeting-hi", patcher, "greeter-hi");
        ChildJvm.Result r = child(jdk, config(signed(""), null), "apply:first=" + first, "apply:second=" + second,
                "greet:stacked", "rollback:olderFirst=fix-greeting", "greet:afterRefusal",
                "rollback:newer=greeting-hi", "greet:afterNewer", "rollback:older=fix-greeting", "greet:afterOlder",
                "rollback:unknown=no-such-patch").run();
        assertEquals("hi ann", r.result("stacked"), r.describe());
        assertEquals("threw java.lang.IllegalArgumentException: patch greeting-hi, applied after fix-greeting, also"
                + " changes class " + PKG + "Greeter; roll greeting-hi back first", r.result("olderFirst"), r.describe());
        assertEquals("hi ann", r.result("afterRefusal"), r.describe());
        assertEquals("hello ann", r.result("afterNewer"), r.describe());
        assertEquals("helo ann", r.result("afterOlder"), r.describe());
        assertEquals("threw java.lang.IllegalArgumentException: no applied patch has the id 'no-such-patch'"
                + " (none is applied)", r.result("unknown"), r.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aSchemaChangingPatchIsRejectedNamingTheMembers(Path jdk) throws IOException {
        Path jar = patch("schema.jar", "schema", patcher, "greeter-schema");
        ChildJvm.Result r = child(jdk, config(signed(""), null), "apply:rejected=" + jar, "greet:after").run();
        String rejected = r.result("rejected");
        assertTrue(rejected.startsWith("threw java.lang.IllegalArgumentException: the JVM cannot redefine this change"),
                r.describe());
        assertTrue(rejected.contains(PKG + "Greeter: field 'int count' was added"), rejected);
        assertTrue(rejected.contains(PKG + "Greeter: method 'java.lang.String shout(java.lang.String)' was added"),
                rejected);
        assertEquals("helo ann", r.result("after"), r.describe());
        JsonNode event = events().ofType("patch-rejected").get(0);
        assertEquals("schema", event.path("id").asText());
        assertTrue(event.path("reason").asText().contains("field 'int count' was added"), event.toString());
        assertTrue(events().ofType("patch-applied").isEmpty());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void unsignedWronglySignedAndPartlySignedJarsAreRejected(Path jdk) throws IOException {
        Path unsigned = patch("unsigned.jar", "unsigned", null, "greeter-fixed");
        Path strangers = patch("stranger.jar", "stranger", stranger, "greeter-fixed");
        Path partly = patch("partly.jar", "partly", patcher, "greeter-fixed");
        PatchJars.addEntry(partly, "extra.txt", "added after signing".getBytes(StandardCharsets.UTF_8));
        ChildJvm.Result r = child(jdk, config(signed(""), null), "apply:unsigned=" + unsigned,
                "apply:stranger=" + strangers, "apply:partly=" + partly, "greet:after").run();
        assertEquals("threw java.lang.IllegalArgumentException: the jar is not signed (require-signature is on)",
                r.result("unsigned"), r.describe());
        assertEquals("threw java.lang.IllegalArgumentException: entry META-INF/selfheal-patch.yaml is signed by"
                + " 'CN=stranger,O=selfheal tests', whose certificate is not in the trust store",
                r.result("stranger"), r.describe());
        assertEquals("threw java.lang.IllegalArgumentException: entry extra.txt is not signed (the jar must be signed"
                + " whole)", r.result("partly"), r.describe());
        assertEquals("helo ann", r.result("after"), r.describe());
        assertEquals(3, events().ofType("patch-rejected").size(), events().toString());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aPatchOfAClassThatIsNotLoadedIsRejectedAndUnsignedModeWarns(Path jdk) throws IOException {
        Path jar = patch("not-loaded.jar", null, null, "not-loaded");
        ChildJvm.Result r = child(jdk, config("require-signature: false\n", null), "apply:rejected=" + jar).run();
        assertEquals("threw java.lang.IllegalArgumentException: class " + PKG + "NotLoadedYet is not loaded in this"
                + " JVM (a patch replaces loaded classes only)", r.result("rejected"), r.describe());
        assertTrue(r.stderr().contains("WARNING: hot-patch.require-signature is false"), r.describe());
        // without metadata the id is derived from the jar's content hash
        String id = events().ofType("patch-rejected").get(0).path("id").asText();
        assertTrue(id.matches("[0-9a-f]{12}"), events().toString());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aTwoClassPatchWithOneBadClassChangesNeitherAndAGoodOneChangesBoth(Path jdk) throws IOException {
        Path bad = patch("bad.jar", "two-bad", patcher, "greeter-fixed", "calculator-synchronized");
        Path good = patch("good.jar", "two-good", patcher, "greeter-fixed", "calculator-fixed");
        ChildJvm.Result r = child(jdk, config(signed(""), null), "apply:bad=" + bad, "greet:greetAfterBad",
                "total:totalAfterBad", "apply:good=" + good, "greet:greetAfterGood", "total:totalAfterGood").run();
        assertEquals("threw java.lang.IllegalArgumentException: the JVM cannot redefine this change (only method"
                + " bodies may change): " + PKG + "PriceCalculator: method 'int total(int, int)' modifiers changed from"
                + " 'public' to 'public synchronized'", r.result("bad"), r.describe());
        assertEquals("helo ann", r.result("greetAfterBad"), r.describe());
        assertEquals("-1", r.result("totalAfterBad"), r.describe());
        assertEquals("hello ann", r.result("greetAfterGood"), r.describe());
        assertEquals("5", r.result("totalAfterGood"), r.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aWovenClassStillHealsAfterBeingPatched(Path jdk) throws IOException {
        Path jar = patch("inventory.jar", "inventory-message", patcher, "inventory");
        ChildJvm.Result r = child(jdk, config(signed(""), null), "stock:before", "apply:applied=" + jar,
                "stock:after").run();
        assertEquals("cached", r.result("before"), r.describe());
        assertTrue(r.result("applied").startsWith("patch inventory-message applied"), r.describe());
        assertEquals("cached", r.result("after"), r.describe());
        // the second failure comes from the patched body, and the woven fallback still answered it
        // (each healed event names the failure it healed; error-detected is throttled per type)
        List<JsonNode> healed = events().ofType("healed");
        assertEquals(2, healed.size(), events().toString());
        assertEquals("inventory down for apples", healed.get(0).path("message").asText());
        assertEquals("patched: still down for apples", healed.get(1).path("message").asText());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aJarDroppedIntoTheWatchedDirectoryIsAppliedAndItsOutcomeWrittenBesideIt(Path jdk) throws Exception {
        Path patches = dir.resolve("patches");
        Path good = patch("good.jar", "fix-greeting", patcher, "greeter-fixed");
        Path bad = patch("bad.jar", "unsigned", null, "greeter-fixed");
        ChildJvm.Running running = child(jdk, config(signed("directory: " + patches + "\n"), null), "greet:before",
                "ready", "await:goodOutcome=" + patches.resolve("fix.jar.applied"), "greet:after",
                "await:badOutcome=" + patches.resolve("broken.jar.rejected")).start();
        running.awaitOutput("READY", Duration.ofSeconds(60));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(patches)));
        // written under another name, then renamed: the watcher never sees a half-written jar
        Files.copy(good, patches.resolve("fix.jar.part"));
        Files.move(patches.resolve("fix.jar.part"), patches.resolve("fix.jar"), StandardCopyOption.ATOMIC_MOVE);
        Files.copy(bad, patches.resolve("broken.jar"));
        ChildJvm.Result r = running.await(Duration.ofSeconds(90));
        assertEquals("helo ann", r.result("before"), r.describe());
        assertEquals("present", r.result("goodOutcome"), r.describe());
        assertEquals("hello ann", r.result("after"), r.describe());
        assertEquals("present", r.result("badOutcome"), r.describe());
        assertTrue(Files.readString(patches.resolve("fix.jar.applied")).contains("id: fix-greeting"));
        assertTrue(Files.readString(patches.resolve("broken.jar.rejected"))
                .contains("reason: the jar is not signed (require-signature is on)"));
        assertEquals("directory", events().ofType("patch-applied").get(0).path("via").asText());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aDirectoryOthersCanWriteToIsNotWatched(Path jdk) throws IOException {
        Path patches = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(patches, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.copy(patch("fix.jar", "fix-greeting", patcher, "greeter-fixed"), patches.resolve("fix.jar"));
        ChildJvm.Result r = child(jdk, config(signed("directory: " + patches + "\n"), null), "greet:only").run();
        assertTrue(r.stderr().contains("not watching the hot-patch directory: " + patches
                + " is writable by other users (rwxrwxrwx)"), r.describe());
        assertEquals("helo ann", r.result("only"), r.describe());
        assertFalse(Files.exists(patches.resolve("fix.jar.applied")));
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theCommandLinePatchesListsAndRollsBackARunningJvm(Path jdk) throws Exception {
        Path jar = patch("fix.jar", "fix-greeting", patcher, "greeter-fixed");
        Path unsigned = patch("unsigned.jar", "unsigned", null, "greeter-fixed");
        Path go = dir.resolve("go");
        Path go2 = dir.resolve("go2");
        ChildJvm.Running running = child(jdk, config(signed(""), null), "greet:before", "ready",
                "await:first=" + go, "greet:patched", "await:second=" + go2, "greet:rolledBack").start();
        running.awaitOutput("READY", Duration.ofSeconds(60));
        String pid = Long.toString(running.pid());

        AgentCli.Outcome patch = cli(jdk, "patch", pid, jar.toString());
        assertEquals(0, patch.exit(), patch.toString());
        assertTrue(patch.out().contains("patch fix-greeting applied: " + PKG + "Greeter"), patch.toString());
        AgentCli.Outcome rejected = cli(jdk, "patch", pid, unsigned.toString());
        assertEquals(1, rejected.exit(), rejected.toString());
        assertTrue(rejected.err().contains("patch rejected: the jar is not signed (require-signature is on)"),
                rejected.toString());
        AgentCli.Outcome list = cli(jdk, "patches", pid);
        assertEquals(0, list.exit(), list.toString());
        assertTrue(list.out().startsWith("fix-greeting  applied  "), list.toString());
        Files.createFile(go);
        running.awaitOutput("RESULT patched", Duration.ofSeconds(60));

        AgentCli.Outcome unknown = cli(jdk, "rollback", pid, "nope");
        assertEquals(1, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("rollback refused: no applied patch has the id 'nope'"), unknown.toString());
        AgentCli.Outcome rollback = cli(jdk, "rollback", pid, "fix-greeting");
        assertEquals(0, rollback.exit(), rollback.toString());
        Files.createFile(go2);

        ChildJvm.Result r = running.await(Duration.ofSeconds(90));
        assertEquals("helo ann", r.result("before"), r.describe());
        assertEquals("hello ann", r.result("patched"), r.describe());
        assertEquals("helo ann", r.result("rolledBack"), r.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theCommandLineSaysWhenTheAgentIsNotInTheJvm(Path jdk) throws Exception {
        Path go = dir.resolve("go");
        ChildJvm.Running running = ChildJvm.on(jdk).main(APP, "ready", "await:go=" + go, "greet:after").start();
        running.awaitOutput("READY", Duration.ofSeconds(60));
        String pid = Long.toString(running.pid());
        AgentCli.Outcome patch = cli(jdk, "patch", pid, patch("fix.jar", "fix-greeting", patcher, "greeter-fixed").toString());
        Files.createFile(go);
        assertEquals(1, patch.exit(), patch.toString());
        assertTrue(patch.err().contains("the selfheal agent is not running in JVM " + pid
                + "; load it first: java -jar selfheal-agent.jar attach " + pid + " CONFIG"), patch.toString());
        ChildJvm.Result r = running.await(Duration.ofSeconds(60));
        assertEquals("helo ann", r.result("after"), r.describe());
        AgentCli.Outcome usage = cli(jdk, "rollback", pid);
        assertEquals(2, usage.exit(), usage.toString());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void appliedPatchesAreAppliedAgainAfterARestart(Path jdk) throws IOException {
        Path jar = patch("fix.jar", "fix-greeting", patcher, "greeter-fixed");
        Path cfg = config(signed("reapply-on-restart: true\n"), null);
        ChildJvm.Result first = child(jdk, cfg, "apply:applied=" + jar, "greet:patched").run();
        assertEquals("hello ann", first.result("patched"), first.describe());
        Files.delete(jar); // the state keeps its own copy

        ChildJvm.Result second = child(jdk, cfg, "greet:firstCall", "patches:list",
                "rollback:rolledBack=fix-greeting", "greet:afterRollback").run();
        assertEquals("hello ann", second.result("firstCall"), second.describe());
        assertEquals("fix-greeting applied at load " + PKG + "Greeter", second.result("list"), second.describe());
        assertEquals("helo ann", second.result("afterRollback"), second.describe());

        ChildJvm.Result third = child(jdk, cfg, "greet:third").run();
        assertEquals("helo ann", third.result("third"), third.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aRecordedPatchGoesThroughTheSameChecksAtRestart(Path jdk) throws IOException {
        Path jar = patch("fix.jar", "fix-greeting", patcher, "greeter-fixed");
        ChildJvm.Result first = child(jdk, config(signed("reapply-on-restart: true\n"), null),
                "apply:applied=" + jar, "greet:patched").run();
        assertEquals("hello ann", first.result("patched"), first.describe());

        // the operator no longer trusts the key that signed it
        Path distrusting = config("truststore: { path: " + strangersOnlyTrustStore + ", password-env: "
                + TRUST_PASSWORD_ENV + " }\nreapply-on-restart: true\n", null);
        ChildJvm.Result second = child(jdk, distrusting, "greet:afterRestart", "patches:list").run();
        assertEquals("helo ann", second.result("afterRestart"), second.describe());
        assertEquals("none", second.result("list"), second.describe());
        JsonNode rejected = events().ofType("patch-rejected").get(0);
        assertEquals("restart", rejected.path("via").asText());
        assertTrue(rejected.path("reason").asText().contains("whose certificate is not in the trust store"),
                rejected.toString());
        assertTrue(rejected.path("reason").asText().endsWith("it is dropped from the recorded patches"),
                rejected.toString());
        assertEquals(List.of(), Files.readAllLines(dir.resolve("state/hot-patches/applied.list")));
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theHotPatchStrategyAppliesTheStagedFixAtTheFirstFailure(Path jdk) throws IOException {
        Path staged = patch("staged/fix.jar", "divide-by-zero", patcher, "divider-fixed");
        Path cfg = config(signed(""), """
                  - name: divider
                    class: io.selfheal.it.apps.patch.Divider
                    hot-patch: { jar: %s, on: [ java.lang.ArithmeticException ] }
                    fallback: [ { value: -1 } ]
                """.formatted(staged));
        ChildJvm.Result r = child(jdk, cfg, "divide:first", "divide:second").run();
        assertEquals("-1", r.result("first"), r.describe());
        assertEquals("0", r.result("second"), r.describe());
        assertEquals(List.of("error-detected", "patch-applied", "fallback", "healed"),
                typesAfterStart(), events().toString());
        assertEquals("target:divider", events().ofType("patch-applied").get(0).path("via").asText());
    }

    private List<String> typesAfterStart() {
        List<String> out = new ArrayList<>();
        for (String t : events().types()) {
            // health-changed comes from the health sampler, whenever it samples during the (slow, first) patch
            if (!t.equals("agent-started") && !t.equals("target-woven") && !t.startsWith("state-")
                    && !t.equals("health-changed")) {
                out.add(t);
            }
        }
        return out;
    }

    private static AgentCli.Outcome cli(Path jdk, String... args) throws Exception {
        return AgentCli.run(jdk, args);
    }
}
