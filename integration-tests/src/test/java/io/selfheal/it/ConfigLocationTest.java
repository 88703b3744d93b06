package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 2, point 2: where the agent finds its config. The agent argument {@code config=PATH},
 * else the system property {@code selfheal.config}, else the environment variable
 * {@code SELFHEAL_CONFIG} (README, "Attaching the agent"). Each candidate config writes its events
 * to a file of its own, so the file that appears says which one was read.
 */
class ConfigLocationTest {
    private static final String APP = "io.selfheal.it.apps.patch.PatchApp";

    @TempDir
    Path dir;

    /** A config named {@code name} whose events go to {@code name.jsonl} and which heals the inventory. */
    private Path config(String name) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, "events:\n  file: " + dir.resolve(name + ".jsonl") + "\n"
                + "targets:\n  - class: io.selfheal.it.apps.patch.InventoryService\n"
                + "    fallback: [ { value: \"from " + name + "\" } ]\n");
        return file;
    }

    private ChildJvm app(Path jdk) {
        return ChildJvm.on(jdk).main(APP, "stock:stock");
    }

    /** Only {@code expected}'s events file exists, with the agent started from that config, and it healed. */
    private void assertReadFrom(String expected, ChildJvm.Result r, String... others) {
        assertEquals("from " + expected, r.result("stock"), r.describe());
        Path events = dir.resolve(expected + ".jsonl");
        assertTrue(Files.exists(events), r.describe());
        JsonNode started = Events.read(events).ofType("agent-started").get(0);
        assertTrue(started.path("config").asText().endsWith(expected + ".yaml"), started.toString());
        for (String other : others) {
            assertFalse(Files.exists(dir.resolve(other + ".jsonl")), other + " was read too\n" + r.describe());
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theSystemPropertyNamesTheConfigWhenTheAgentArgumentDoesNot(Path jdk) throws IOException {
        ChildJvm.Result r = app(jdk).agentOptions(null).jvmArg("-Dselfheal.config=" + config("property")).run();
        assertReadFrom("property", r);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theEnvironmentVariableNamesTheConfigWhenNothingElseDoes(Path jdk) throws IOException {
        ChildJvm.Result r = app(jdk).agentOptions(null).env("SELFHEAL_CONFIG", config("environment").toString()).run();
        assertReadFrom("environment", r);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theAgentArgumentWinsOverThePropertyWhichWinsOverTheEnvironment(Path jdk) throws IOException {
        Path argument = config("argument");
        Path property = config("property");
        Path environment = config("environment");
        ChildJvm.Result all = app(jdk).agent(argument).jvmArg("-Dselfheal.config=" + property)
                .env("SELFHEAL_CONFIG", environment.toString()).run();
        assertReadFrom("argument", all, "property", "environment");

        ChildJvm.Result propertyAndEnvironment = app(jdk).agentOptions(null).jvmArg("-Dselfheal.config=" + property)
                .env("SELFHEAL_CONFIG", environment.toString()).run();
        assertReadFrom("property", propertyAndEnvironment, "environment");
    }
}
