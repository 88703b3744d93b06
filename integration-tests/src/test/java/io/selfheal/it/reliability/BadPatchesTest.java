package io.selfheal.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.it.support.AgentCli;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import io.selfheal.it.support.Jdks;
import io.selfheal.it.support.PatchJars;
import io.selfheal.it.support.PatchSources;
import io.selfheal.it.support.PatchJars.Signer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, point 3: bad patch jars pushed into a running application through the paths operators
 * use (the JMX operation, {@code java -jar selfheal-agent.jar patch PID JAR}, the watched
 * directory), with signatures required and the default size limits. Each is rejected with a
 * reason that names its cause, in the caller's answer and in a {@code patch-rejected} event;
 * nothing is redefined: the application's answers and the patch list are the same after as before.
 */
class BadPatchesTest {
    private static final String APP = "io.selfheal.it.apps.patch.PatchApp";
    private static final String PKG = PatchSources.PKG;
    private static final String GREETER_ENTRY = "io/selfheal/it/apps/patch/Greeter.class";
    private static final String TRUST_PASSWORD_ENV = "SELFHEAL_TEST_TRUST_PASSWORD";
    private static final String TRUST_PASSWORD = "trustpass";
    /** The answers of the unpatched sample classes: greet, total, the greeter of a second loader. */
    private static final String[] ANSWER_STEPS = {"greet", "total", "isolated"};

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
        compile("fixed", "Greeter", PatchSources.GREETER_HELLO);
        compile("hi", "Greeter", PatchSources.GREETER_HI);
        compile("field-and-method-added", "Greeter", PatchSources.GREETER_FIELD_AND_METHOD_ADDED);
        compile("method-removed", "Greeter", """
                public class Greeter {
                }""");
        compile("signature-changed", "Greeter", """
                public class Greeter {
                    public String greet(String name, int times) {
                        return ("hello " + name).repeat(times);
                    }
                }""");
        // PatchApp holds the sample objects in static fields; this one has none of them
        compile("fields-removed", "PatchApp", """
                public final class PatchApp {
                    private PatchApp() {
                    }
                    public static void main(String[] args) {
                    }
                }""");
        compile("not-loaded", "NotLoadedYet", PatchSources.NOT_LOADED_YET);
    }

    private static void compile(String key, String simpleName, String body) throws IOException {
        COMPILED.put(key, PatchSources.compile(keys, simpleName, body));
    }

    /** A bad patch, how to make it, and what its rejection must say. */
    private record BadPatch(String name, Path jar, String reason) {
    }

    /** The bad patches of each JDK, built once for both tests (jarsigner is slow). */
    private static final Map<Path, List<BadPatch>> BUILT = new LinkedHashMap<>();

    /** Every kind of bad patch, built for the JVM {@code jdk}; all but the unsigned one signed by a trusted key. */
    private static List<BadPatch> badPatches(Path jdk) throws IOException {
        List<BadPatch> built = BUILT.get(jdk);
        if (built == null) {
            built = build(jdk, Files.createDirectories(keys.resolve("jars-" + feature(jdk))));
            BUILT.put(jdk, built);
        }
        return built;
    }

    private static List<BadPatch> build(Path jdk, Path dir) throws IOException {
        List<BadPatch> out = new ArrayList<>();
        Path fixed = signed(dir, "fixed.jar", COMPILED.get("fixed"));

        Path corrupt = dir.resolve("corrupt.jar"); // a copy cut short, as an interrupted transfer leaves it
        byte[] whole = Files.readAllBytes(fixed);
        Files.write(corrupt, java.util.Arrays.copyOf(whole, whole.length / 2));
        out.add(new BadPatch("corrupt", corrupt, "as a jar: "));

        out.add(new BadPatch("empty", signed(dir, "empty.jar", Map.of()), "holds no class to patch"));

        out.add(new BadPatch("notAClass", signed(dir, "not-a-class.jar",
                Map.of(PKG + "Greeter", "this is not a class file".getBytes(StandardCharsets.UTF_8))),
                "entry " + GREETER_ENTRY + " is not a class file (it does not start with 0xCAFEBABE)"));

        int feature = feature(jdk);
        byte[] newer = COMPILED.get("fixed").get(PKG + "Greeter").clone();
        int major = 44 + feature + 1;
        newer[6] = (byte) (major >> 8);
        newer[7] = (byte) major;
        out.add(new BadPatch("newerJava", signed(dir, "newer-java.jar", Map.of(PKG + "Greeter", newer)),
                "entry " + GREETER_ENTRY + " is compiled for Java " + (feature + 1) + " (class file version " + major
                        + "), newer than this JVM: Java " + feature + " reads class files up to version " + (44 + feature)));

        out.add(new BadPatch("fieldAndMethodAdded", signed(dir, "added.jar", COMPILED.get("field-and-method-added")),
                PKG + "Greeter: field 'int count' was added; " + PKG
                        + "Greeter: method 'java.lang.String shout(java.lang.String)' was added"));
        out.add(new BadPatch("methodRemoved", signed(dir, "removed.jar", COMPILED.get("method-removed")),
                PKG + "Greeter: method 'java.lang.String greet(java.lang.String)' was removed"));
        out.add(new BadPatch("signatureChanged", signed(dir, "signature.jar", COMPILED.get("signature-changed")),
                PKG + "Greeter: method 'java.lang.String greet(java.lang.String, int)' was added; " + PKG
                        + "Greeter: method 'java.lang.String greet(java.lang.String)' was removed"));
        out.add(new BadPatch("fieldsRemoved", signed(dir, "fields-removed.jar", COMPILED.get("fields-removed")),
                PKG + "PatchApp: field '" + PKG + "Greeter GREETER' was removed"));

        Path unsigned = PatchJars.jar(dir.resolve("unsigned.jar"), COMPILED.get("fixed"), "id: unsigned\n");
        out.add(new BadPatch("unsigned", unsigned, "the jar is not signed (require-signature is on)"));

        Path tampered = signed(dir, "tampered.jar", COMPILED.get("fixed"));
        PatchJars.replaceEntry(tampered, GREETER_ENTRY, COMPILED.get("hi").get(PKG + "Greeter"));
        out.add(new BadPatch("tampered", tampered, "the signature of entry " + GREETER_ENTRY
                + " does not match its content"));

        out.add(new BadPatch("notLoaded", signed(dir, "not-loaded.jar", COMPILED.get("not-loaded")),
                "class " + PKG + "NotLoadedYet is not loaded in this JVM (a patch replaces loaded classes only)"));

        out.add(new BadPatch("huge", hugeJar(dir.resolve("huge.jar")), "bytes, over the limit of 16 MiB"
                + " (hot-patch.max-jar-mb)"));
        out.add(new BadPatch("unpacksHuge", zipBomb(dir.resolve("bomb.jar")), "the jar's entries unpack to more than"
                + " 16 MiB (hot-patch.max-jar-mb)"));
        out.add(new BadPatch("manyEntries", manyEntries(dir.resolve("many.jar")), "the jar has 10002 entries, over"
                + " the limit of 10000 (hot-patch.max-jar-entries)"));
        return out;
    }

    private static Path signed(Path dir, String file, Map<String, byte[]> classes) throws IOException {
        String id = file.substring(0, file.length() - ".jar".length());
        return PatchJars.sign(PatchJars.jar(dir.resolve(file), classes, "id: " + id + "\n"), patcher);
    }

    /** 20 MiB that does not compress, beside the fixed class: over the default 16 MiB on disk. */
    private static Path hugeJar(Path file) throws IOException {
        byte[] noise = new byte[1 << 20];
        Random random = new Random(9);
        return jarWith(file, out -> {
            out.putNextEntry(new JarEntry("data/noise.bin"));
            for (int i = 0; i < 20; i++) {
                random.nextBytes(noise);
                out.write(noise);
            }
        });
    }

    /** A small jar whose one data entry unpacks to 64 MiB of zeros. */
    private static Path zipBomb(Path file) throws IOException {
        byte[] zeros = new byte[1 << 20];
        return jarWith(file, out -> {
            out.putNextEntry(new JarEntry("data/zeros.bin"));
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        });
    }

    /** The manifest, the fixed class and 10,000 tiny entries: one over the default entry limit. */
    private static Path manyEntries(Path file) throws IOException {
        return jarWith(file, out -> {
            for (int i = 0; i < 10_000; i++) {
                out.putNextEntry(new JarEntry("data/" + i + ".txt"));
                out.write('x');
            }
        });
    }

    private interface Filler {
        void fill(JarOutputStream out) throws IOException;
    }

    /** A jar of the manifest, the fixed Greeter, and what {@code filler} adds. */
    private static Path jarWith(Path file, Filler filler) throws IOException {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream os = Files.newOutputStream(file); JarOutputStream out = new JarOutputStream(os, manifest)) {
            out.putNextEntry(new JarEntry(GREETER_ENTRY));
            out.write(COMPILED.get("fixed").get(PKG + "Greeter"));
            filler.fill(out);
        }
        return file;
    }

    private static int feature(Path jdk) {
        return Integer.parseInt(Jdks.label(jdk).split("[.+-]")[0]);
    }

    private Path config(String extra) throws IOException {
        Path file = dir.resolve("selfheal.yaml");
        Files.writeString(file, "events:\n  file: " + dir.resolve("events.jsonl") + "\n"
                + "state-dir: " + dir.resolve("state") + "\n"
                + "hot-patch:\n  truststore: { path: " + trustStore + ", password-env: " + TRUST_PASSWORD_ENV + " }\n"
                + extra
                + "targets:\n  - class: io.selfheal.it.apps.patch.InventoryService\n    fallback: [ { value: cached } ]\n");
        return file;
    }

    private ChildJvm child(Path jdk, Path config, List<String> steps) {
        return ChildJvm.on(jdk).agent(config).env(TRUST_PASSWORD_ENV, TRUST_PASSWORD)
                .timeout(Duration.ofMinutes(3)).main(APP, steps.toArray(new String[0]));
    }

    private static void answers(List<String> steps, String when) {
        for (String s : ANSWER_STEPS) {
            steps.add(s + ":" + s + "-" + when);
        }
        steps.add("patches:patches-" + when);
    }

    private static void assertNothingChanged(ChildJvm.Result r) {
        assertEquals("helo ann", r.result("greet-before"), r.describe());
        assertEquals("-1", r.result("total-before"), r.describe());
        assertEquals("helo bob", r.result("isolated-before"), r.describe());
        assertEquals("none", r.result("patches-before"), r.describe());
        for (String s : new String[] {"greet", "total", "isolated", "patches"}) {
            assertEquals(r.result(s + "-before"), r.result(s + "-after"), s + " changed\n" + r.describe());
        }
    }

    private Events events() {
        return Events.read(dir.resolve("events.jsonl"));
    }

    /** The patch-rejected event of the jar {@code jar}; there must be exactly one. */
    private JsonNode rejectionOf(Path jar) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode e : events().ofType("patch-rejected")) {
            if (e.path("jar").asText().equals(jar.toAbsolutePath().normalize().toString())) {
                found.add(e);
            }
        }
        assertEquals(1, found.size(), jar + ": " + events());
        return found.get(0);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void everyBadPatchThroughJmxIsRejectedWithItsReasonAndNothingIsRedefined(Path jdk) throws IOException {
        List<BadPatch> bad = badPatches(jdk);
        List<String> steps = new ArrayList<>();
        answers(steps, "before");
        for (BadPatch b : bad) {
            steps.add("apply:" + b.name() + "=" + b.jar());
        }
        answers(steps, "after");
        ChildJvm.Result r = child(jdk, config(""), steps).run();

        for (BadPatch b : bad) {
            String answer = r.result(b.name());
            System.out.println("JDK " + Jdks.label(jdk) + " " + b.name() + ": " + answer);
            assertTrue(answer != null && answer.startsWith("threw java.lang.IllegalArgumentException: ")
                    && answer.contains(b.reason()), b.name() + ": expected the reason '" + b.reason() + "', got: "
                    + answer + "\n" + r.describe());
            JsonNode event = rejectionOf(b.jar());
            assertEquals("jmx", event.path("via").asText(), event.toString());
            assertTrue(event.path("reason").asText().contains(b.reason()), event.toString());
        }
        assertNothingChanged(r);
        assertEquals(bad.size(), events().ofType("patch-rejected").size(), events().toString());
        assertEquals(0, events().ofType("patch-applied").size(), events().toString());
        assertTheOfflineCheckNamesTheAgentsReasons(jdk, bad, r);
        Reliability.record("3 bad patches (jmx)", Jdks.label(jdk), bad.size() + " kinds rejected with their reason,"
                + " answers and patch list unchanged");
    }

    /**
     * Issue 23: {@code check-patch}, run offline against the application's class files on the
     * same JDK, rejects every bad patch with the very reason the running agent gave. Only a class
     * the application has but has not loaded yet differs: offline it passes (no JVM says what is
     * loaded), and the offline check says so.
     */
    private static void assertTheOfflineCheckNamesTheAgentsReasons(Path jdk, List<BadPatch> bad, ChildJvm.Result r)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("check-patch"));
        for (BadPatch b : bad) {
            args.add(b.jar().toString());
        }
        args.addAll(List.of("--against", ChildJvm.appsClasses().toString(), "--truststore", trustStore.toString(),
                "--truststore-password-env", TRUST_PASSWORD_ENV));
        AgentCli.Outcome offline;
        try {
            offline = AgentCli.run(jdk, Map.of(TRUST_PASSWORD_ENV, TRUST_PASSWORD), args.toArray(new String[0]));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(1, offline.exit(), offline.toString());
        for (BadPatch b : bad) {
            String prefix = b.jar().getFileName() + ": ";
            List<String> lines = offline.out().lines().filter(l -> l.startsWith(prefix)).toList();
            if (b.name().equals("notLoaded")) {
                assertTrue(lines.get(lines.size() - 1).startsWith(prefix + "patch not-loaded passes every check"),
                        offline.toString());
                continue;
            }
            String agentSaid = r.result(b.name()).substring("threw java.lang.IllegalArgumentException: ".length());
            assertEquals(List.of(prefix + "rejected: " + agentSaid), lines, b.name() + "\n" + offline);
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void badPatchesFromTheCommandLineAndTheWatchedDirectoryAreRejectedAndNothingIsRedefined(Path jdk)
            throws Exception {
        Map<String, BadPatch> bad = new LinkedHashMap<>();
        for (BadPatch b : badPatches(jdk)) {
            bad.put(b.name(), b);
        }
        Path patches = dir.resolve("patches");
        Path go = dir.resolve("go");
        List<String> steps = new ArrayList<>();
        answers(steps, "before");
        steps.add("ready");
        steps.add("await:go=" + go);
        answers(steps, "after");
        ChildJvm.Running running = child(jdk, config("  directory: " + patches + "\n"), steps).start();
        try {
            running.awaitOutput("READY", Duration.ofSeconds(60));
            String pid = Long.toString(running.pid());
            List<String> viaCli = List.of("corrupt", "newerJava", "signatureChanged", "tampered", "huge");
            for (String name : viaCli) {
                BadPatch b = bad.get(name);
                AgentCli.Outcome out = AgentCli.run(jdk, "patch", pid, b.jar().toString());
                assertEquals(1, out.exit(), name + ": " + out);
                assertTrue(out.err().contains("patch rejected: ") && out.err().contains(b.reason()),
                        name + ": expected '" + b.reason() + "'\n" + out);
            }
            // issue 23: a dry run names the same reason, and (below) leaves no event and changes nothing
            for (String name : List.of("signatureChanged", "tampered")) {
                AgentCli.Outcome out = AgentCli.run(jdk, "patch", pid, bad.get(name).jar().toString(), "--dry-run");
                assertEquals(1, out.exit(), name + ": " + out);
                assertTrue(out.err().contains("patch would be rejected: ") && out.err().contains(bad.get(name).reason()),
                        name + ": " + out);
            }
            List<String> viaDirectory = List.of("corrupt", "empty", "notAClass", "unsigned", "unpacksHuge",
                    "manyEntries");
            for (String name : viaDirectory) {
                Path part = patches.resolve(name + ".jar.part");
                Files.copy(bad.get(name).jar(), part); // written under another name, then renamed, as README says
                Files.move(part, patches.resolve(name + ".jar"), StandardCopyOption.ATOMIC_MOVE);
            }
            for (String name : viaDirectory) {
                Path outcome = awaitFile(patches.resolve(name + ".jar.rejected"), running);
                String text = Files.readString(outcome);
                assertTrue(text.contains("reason: ") && text.contains(bad.get(name).reason()),
                        name + ": expected '" + bad.get(name).reason() + "' in\n" + text);
                assertTrue(Files.notExists(patches.resolve(name + ".jar.applied")), name);
            }
            Files.createFile(go);
            ChildJvm.Result r = running.await(Duration.ofSeconds(90));
            assertNothingChanged(r);
            assertEquals(viaCli.size() + viaDirectory.size(), events().ofType("patch-rejected").size(),
                    events().toString());
            assertEquals(0, events().ofType("patch-applied").size(), events().toString());
            Reliability.record("3 bad patches (cli, directory)", Jdks.label(jdk), viaCli.size() + " via the CLI, "
                    + viaDirectory.size() + " via the watched directory rejected; answers and patch list unchanged");
        } finally {
            if (!Files.exists(go)) {
                Files.createFile(go);
                running.await(Duration.ofSeconds(90));
            }
        }
    }

    /** Waits for the watcher's outcome file (it polls every 500 ms and needs two polls with the same size). */
    private static Path awaitFile(Path file, ChildJvm.Running running) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(file), "no " + file + " after 60 s; the app printed:\n" + running.outputSoFar());
        return file;
    }
}
