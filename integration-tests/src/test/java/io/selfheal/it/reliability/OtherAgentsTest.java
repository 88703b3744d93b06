package io.selfheal.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import io.selfheal.it.support.Jdks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, point 5: selfheal and the JaCoCo agent (from Maven Central) in one JVM, in both orders.
 * The application gives the healed answers, JaCoCo records coverage of the class both agents
 * transformed, and that class loads and runs under the JVM's verifier.
 */
class OtherAgentsTest {
    private static final String APP = "io.selfheal.it.apps.reliability.FaultsApp";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void healsWithJacocoLoadedBeforeOrAfterSelfheal(Path jdk) throws IOException {
        for (boolean jacocoFirst : List.of(true, false)) {
            String order = jacocoFirst ? "jacoco-first" : "selfheal-first";
            Path events = dir.resolve(order + ".jsonl");
            Path exec = dir.resolve(order + ".exec");
            Path cfg = dir.resolve(order + ".yaml");
            Files.writeString(cfg, "events:\n  file: " + events + "\ntargets:\n"
                    + "  - class: io.selfheal.it.apps.reliability.Unreliable\n"
                    + "    retry: { max-attempts: 2, backoff: { initial: 1ms } }\n"
                    + "    fallback:\n      - value: fallback\n");
            String jacoco = "-javaagent:" + Reliability.jar("org.jacoco.agent-runtime.jar") + "=destfile=" + exec
                    + ",includes=io.selfheal.it.apps.*";
            String selfheal = "-javaagent:" + ChildJvm.agentJar() + "=config=" + cfg;
            ChildJvm child = ChildJvm.on(jdk);
            child = jacocoFirst ? child.jvmArg(jacoco, selfheal) : child.jvmArg(selfheal, jacoco);
            ChildJvm.Result r = child.main(APP).run();

            assertEquals(0, r.exitCode(), order + "\n" + r.describe());
            assertEquals("returned fallback", r.result("alwaysFails"), order + "\n" + r.describe());
            assertEquals("returned b after 2 runs", r.result("failsOnce"), order + "\n" + r.describe());
            assertEquals("2450", r.result("sum"), r.describe());
            assertFalse(r.stderr().contains("VerifyError") || r.stderr().contains("agent fault"), r.describe());
            assertEquals(1, Events.read(events).ofType("healed").stream()
                    .filter(n -> n.path("method").asText().equals("failsOnce")).count(), Events.read(events).toString());
            assertTrue(Files.size(exec) > 0, "no JaCoCo data: " + exec);
            String data = new String(Files.readAllBytes(exec), StandardCharsets.ISO_8859_1);
            assertTrue(data.contains("io/selfheal/it/apps/reliability/Unreliable"), "JaCoCo did not see Unreliable");
        }
        Reliability.record("other-agents", Jdks.label(jdk), "JaCoCo 0.8.13 before and after selfheal: healed, covered");
    }
}
