package io.selfheal.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.it.support.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 20: the woven variants of retry.on-result and hedge (returns that pass their value to a
 * stub after the handler, an entry that passes the arguments) over every weavable method of Guava,
 * Commons Collections 3 (pre-Java-6 class files, no stack map frames) and our Java 17 shapes: each
 * class defined and linked, which runs the JVM's verifier, in a child JVM on each JDK (the runner
 * of {@link VerifierCorpusTest}, a smaller corpus).
 */
class ValuePassingCorpusTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void everyMethodWovenToPassItsValueAndArgumentsPassesTheVerifier(Path jdk) throws IOException, Exception {
        Path config = dir.resolve("corpus.yaml");
        Files.writeString(config, """
                targets:
                  - name: everything
                    class: "**"
                    retry: { max-attempts: 2, backoff: { initial: 1ms }, on-result: { null: true, equals: [ -1 ] } }
                    fallback-on-result: true
                    hedge: { after: 50ms }
                    fallback:
                      - empty: true
                """);
        Path testClasses = Path.of(VerifierCorpus.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ChildJvm.Result r = ChildJvm.on(jdk).agentOptions(null).classPath(ChildJvm.agentJar()).classPath(testClasses)
                .jvmArg("-Xshare:auto", "-XX:TieredStopAtLevel=1").timeout(Duration.ofMinutes(3))
                .main(VerifierCorpus.class.getName(), config.toString(), Reliability.jar("guava.jar").toString(),
                        Reliability.jar("failureaccess.jar").toString(),
                        Reliability.jar("commons-collections.jar").toString(), ChildJvm.appsClasses().toString())
                .run();
        String total = r.stdout().lines().filter(l -> l.startsWith("CORPUS-TOTAL")).findFirst().orElse(null);
        assertNotNull(total, r.describe());
        assertFalse(r.stdout().contains("CORPUS-FAILURE"), r.describe());
        assertEquals(0, Reliability.number(total, "failures"), total);
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(Reliability.number(total, "methodsWoven") >= 10_000, total);
        for (String jar : List.of("guava.jar", "commons-collections.jar", "classes")) {
            String line = r.stdout().lines().filter(l -> l.startsWith("CORPUS " + jar + " ")).findFirst().orElseThrow();
            assertTrue(Reliability.number(line, "linked") > 50, line);
        }
    }
}
