package io.selfheal.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, point 1: every weavable method of every class of Guava, Jackson databind (with core and
 * annotations), Commons Lang 3, H2, Commons Collections 3 (pre-Java-6 class files) and our Java 17 shapes is
 * woven with restore, circuit breaker, retry and fallback (and checkpoint constructor hooks in our shapes), the
 * classes are defined in a fresh class loader and linked, which runs the JVM's verifier, in a child
 * JVM on each JDK. The weaver is the one in the built agent jar; the runner ({@link VerifierCorpus})
 * is test code, on the child's class path from this module's test classes.
 */
class VerifierCorpusTest {
    static final List<String> JARS = List.of("guava.jar", "failureaccess.jar", "jackson-databind.jar",
            "jackson-core.jar", "jackson-annotations.jar", "commons-lang3.jar", "h2.jar",
            // class files of version 47 (Java 1.3): no stack map frames, the old verifier
            "commons-collections.jar");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void everyWovenClassOfTheCorpusPassesTheVerifier(Path jdk) throws IOException {
        Path config = dir.resolve("corpus.yaml");
        // every block the weaver acts on: restore (enabled per site at weave time), the circuit
        // breaker (its short-circuit path is woven for every strategy), checkpoints.state
        // (constructor hooks: the one block that changes the bytecode, see RELIABILITY.md)
        Files.writeString(config, """
                checkpoints:
                  state:
                    - class: io.selfheal.it.apps.corpus.ModernShapes
                      fields: [ counter ]
                targets:
                  - name: everything
                    class: "**"
                    restore: { depth: deep }
                    circuit-breaker: { failure-threshold: 5, window: 20, open-for: 1s }
                    retry: { max-attempts: 2, backoff: { initial: 1ms } }
                    fallback:
                      - empty: true
                """);
        ChildJvm child = runner(jdk).jvmArg("-Xshare:auto", "-XX:TieredStopAtLevel=1")
                .timeout(Duration.ofMinutes(6));
        List<String> args = new java.util.ArrayList<>();
        args.add(config.toString());
        for (String jar : JARS) {
            args.add(Reliability.jar(jar).toString());
        }
        args.add(ChildJvm.appsClasses().toString());
        args.add(compiledByTheJdkUnderTest(jdk).toString());
        ChildJvm.Result r = child.main(VerifierCorpus.class.getName(), args.toArray(new String[0])).run();
        String total = r.stdout().lines().filter(l -> l.startsWith("CORPUS-TOTAL")).findFirst().orElse(null);
        assertNotNull(total, r.describe());
        System.out.println("JDK " + Jdks.label(jdk) + ": " + r.stdout().lines()
                .filter(l -> l.startsWith("CORPUS")).reduce((a, b) -> a + "\n" + b).orElse(""));
        assertFalse(r.stdout().contains("CORPUS-FAILURE"), r.describe());
        assertEquals(0, Reliability.number(total, "failures"), total);
        assertEquals(0, r.exitCode(), r.describe());
        int methods = Reliability.number(total, "methodsWoven");
        assertTrue(methods >= 10_000, "only " + methods + " methods woven: " + total);
        assertEquals(methods, Reliability.number(total, "restoreSites"), "restore is on for every woven method: " + total);
        for (String jar : List.of("guava.jar", "jackson-databind.jar", "commons-lang3.jar", "h2.jar",
                "commons-collections.jar", "classes", "newest")) {
            String line = r.stdout().lines().filter(l -> l.startsWith("CORPUS " + jar + " ")).findFirst().orElseThrow();
            int least = jar.equals("classes") ? 40 : jar.equals("newest") ? 20 : 2000;
            assertTrue(Reliability.number(line, "methodsWoven") > least, line);
            assertTrue(Reliability.number(line, "linked") > Reliability.number(line, "unlinkableEitherWay"), line);
            if (jar.equals("classes") || jar.equals("newest")) {
                assertEquals(1, Reliability.number(line, "constructorsHooked"), "ModernShapes' checkpoint hook: " + line);
            }
        }
        Reliability.record("verifier-corpus", Jdks.label(jdk), total);
    }

    /**
     * A child JVM for the corpus runner: the agent without a config (which only puts the
     * bootstrap classes where woven code finds them), the agent jar for the weaver, and this
     * module's test classes for the runner.
     */
    private static ChildJvm runner(Path jdk) {
        Path testClasses;
        try {
            testClasses = Path.of(VerifierCorpus.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
        return ChildJvm.on(jdk).agentOptions(null).classPath(ChildJvm.agentJar()).classPath(testClasses);
    }

    /**
     * Our Java 17 shapes, and from JDK 21 on the pattern-matching shapes, compiled by the JDK under
     * test for its own class file version (69 on JDK 25): the newest bytecode a user can hand us.
     */
    private Path compiledByTheJdkUnderTest(Path jdk) throws IOException {
        int feature = Integer.parseInt(Jdks.label(jdk).split("[.+-]")[0]);
        Path out = dir.resolve("newest");
        List<String> cmd = new java.util.ArrayList<>(List.of(jdk.resolve("bin/javac").toString(),
                "--release", String.valueOf(feature), "-d", out.toString(),
                Path.of("src/main/java/io/selfheal/it/apps/corpus/ModernShapes.java").toAbsolutePath().toString()));
        if (feature >= 21) {
            cmd.add(Path.of("src/test/resources/corpus/Java21Shapes.java").toAbsolutePath().toString());
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), "javac failed: " + cmd + "\n" + output);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /** The harness itself must be able to fail: a class whose code does not verify is reported. */
    @org.junit.jupiter.api.Test
    void theHarnessReportsAClassThatDoesNotVerify() throws IOException {
        Path classes = dir.resolve("broken");
        Files.createDirectories(classes.resolve("corpus"));
        Files.write(classes.resolve("corpus/Broken.class"), BrokenClass.bytes("corpus/Broken"));
        Path config = dir.resolve("none.yaml");
        Files.writeString(config, "targets:\n  - class: corpus.NothingHere\n");
        ChildJvm.Result r = runner(Path.of(System.getProperty("java.home")))
                .main(VerifierCorpus.class.getName(), config.toString(), classes.toString()).run();
        assertTrue(r.stdout().contains("CORPUS-FAILURE broken corpus.Broken: java.lang.VerifyError"), r.describe());
        assertEquals(1, r.exitCode(), r.describe());
    }
}
