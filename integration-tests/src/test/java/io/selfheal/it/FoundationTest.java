package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 2: YAML targets woven at load time, retry and fallback, events, in real child JVMs. */
class FoundationTest {
    private static final String APP = "io.selfheal.it.apps.FoundationApp";

    @TempDir
    Path dir;

    private Path config(String yaml) throws IOException {
        Path events = dir.resolve("events.jsonl");
        Path file = dir.resolve("selfheal.yaml");
        Files.writeString(file, "events:\n  file: " + events + "\n" + yaml);
        return file;
    }

    private Events events() {
        return Events.read(dir.resolve("events.jsonl"));
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void retryHealsAMethodThatFailsTwiceThenSucceeds(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - name: flaky
                    class: io.selfheal.it.apps.Flaky
                    methods: [ "failsThenSucceeds" ]
                    retry: { max-attempts: 3, backoff: { initial: 5ms, max: 20ms } }
                """);
        ChildJvm.Result bare = ChildJvm.on(jdk).main(APP, "retry").run();
        assertEquals("threw java.io.IOException: transient failure 1", bare.result("retry"), bare.describe());

        ChildJvm.Result healed = ChildJvm.on(jdk).agent(cfg).main(APP, "retry").run();
        assertEquals("hello ann after 3 runs", healed.result("retry"), healed.describe());
        assertEquals("3", healed.result("runs"));
        assertEquals(List.of("error-detected", "retry", "error-detected", "retry", "healed"),
                events().typesFor("failsThenSucceeds"), events().toString());
        JsonNode retry = events().ofType("retry").get(1);
        assertEquals("flaky", retry.path("target").asText());
        assertEquals("io.selfheal.it.apps.Flaky", retry.path("class").asText());
        assertEquals("java.io.IOException", retry.path("exception").asText());
        assertEquals(3, retry.path("attempt").asInt());
        assertTrue(retry.path("delayMs").asLong() <= 20, retry.toString());
        assertTrue(retry.has("ts"));
        assertTrue(events().ofType("healed").get(0).has("durationMs"));
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void retryRerunsTheBodyWithTheArgumentsItWasCalledWith(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - class: io.selfheal.it.apps.Flaky
                    methods: [ "mutatesArgument(java.lang.String,int)" ]
                    retry: { max-attempts: 2, backoff: { initial: 1ms } }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "arguments").run();
        assertEquals("original/42", r.result("arguments"), r.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void fallbackChainIsTriedInOrderAndFirstWorkingEntryWins(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - name: chain
                    class: io.selfheal.it.apps.Flaky
                    methods: [ "alwaysFails" ]
                    fallback:
                      - method: io.selfheal.it.apps.Fallbacks#broken
                      - method: io.selfheal.it.apps.Fallbacks#wrongSignature
                      - method: io.selfheal.it.apps.Fallbacks#cached
                      - value: "from yaml"
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "chain").run();
        assertEquals("cached k1 because IOException", r.result("chain"), r.describe());
        assertEquals("1", r.result("runs"), "no retry was configured");
        // The wrong signature is a config problem found at weave time, named with its line.
        assertTrue(r.stderr().contains("Fallbacks#wrongSignature") && r.stderr().contains("line 9"), r.stderr());
        JsonNode problem = events().ofType("config-problem").get(0);
        assertEquals(9, problem.path("line").asInt());
        List<JsonNode> fallbacks = events().ofType("fallback");
        assertEquals("failed", fallbacks.get(0).path("outcome").asText(), events().toString());
        assertTrue(fallbacks.get(0).path("fallback").asText().contains("broken"));
        assertTrue(fallbacks.get(1).path("fallback").asText().contains("cached"));
        assertEquals("fallback", events().ofType("healed").get(0).path("strategy").asText());

        Path valueFirst = config("""
                targets:
                  - class: io.selfheal.it.apps.Flaky
                    methods: [ "alwaysFails" ]
                    fallback:
                      - method: io.selfheal.it.apps.Fallbacks#broken
                      - value: "from yaml"
                      - method: io.selfheal.it.apps.Fallbacks#cached
                """);
        ChildJvm.Result v = ChildJvm.on(jdk).agent(valueFirst).main(APP, "chain").run();
        assertEquals("from yaml", v.result("chain"), v.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void ignoreWinsOverOnForTheMoreSpecificType(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - class: io.selfheal.it.apps.Flaky
                    methods: [ "notFound" ]
                    retry: { max-attempts: 5, backoff: { initial: 1ms }, on: [ java.io.IOException ], ignore: [ java.io.FileNotFoundException ] }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "ignore").run();
        assertEquals("threw java.io.FileNotFoundException: /missing", r.result("ignore"), r.describe());
        assertEquals("1", r.result("runs"));
        assertEquals(List.of("error-detected", "healing-failed"), events().typesFor("notFound"));

        Path reversed = config("""
                targets:
                  - class: io.selfheal.it.apps.Flaky
                    methods: [ "notFound" ]
                    retry: { max-attempts: 3, backoff: { initial: 1ms }, on: [ java.io.FileNotFoundException ], ignore: [ java.io.IOException ] }
                """);
        ChildJvm.Result r2 = ChildJvm.on(jdk).agent(reversed).main(APP, "ignore").run();
        assertEquals("3", r2.result("runs"), "on names the more specific type here, so it wins");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void primitivesVoidStaticAndAwkwardBodiesAreWovenAndHealed(Path jdk) throws IOException {
        Path cfg = config("""
                defaults:
                  retry: { max-attempts: 3, backoff: { initial: 1ms, max: 5ms } }
                targets:
                  - name: whole-numbers
                    class: io.selfheal.it.apps.Flaky
                    methods: [ "primitiveInt", "primitiveLong" ]
                    fallback: [ { value: 7 } ]
                  - name: empties
                    class: io.selfheal.it.apps.Flaky
                    methods: [ "primitiveBoolean", "emptyList", "emptyOptional" ]
                    fallback: [ { empty: true } ]
                  - name: literals
                    class: io.selfheal.it.apps.Flaky
                    methods: [ "primitiveDouble", "mapValue", "arrayValue" ]
                    retry: { max-attempts: 1 }
                    fallback:
                      - method: io.selfheal.it.apps.Fallbacks#list
                      - value: 2.5
                  - name: retried
                    class: io.selfheal.it.apps.Flaky
                    methods: [ "voidMethod", "staticCounter", "loopAtTop", "synchronizedMethod", "tryCatchInside" ]
                """);
        ChildJvm.Result bare = ChildJvm.on(jdk).main(APP, "primitives").run();
        assertEquals("threw java.lang.IllegalStateException: int fails", bare.result("int"));

        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "primitives").run();
        assertEquals("7", r.result("int"), r.describe());
        assertEquals("7", r.result("long"));
        assertEquals("false", r.result("boolean"));
        assertEquals("2.5", r.result("double"));
        assertEquals("returned", r.result("void"));
        assertEquals("3", r.result("static"));
        assertEquals("[]", r.result("list"));
        assertEquals("Optional.empty", r.result("optional"));
        assertEquals("10", r.result("loop"));
        assertEquals("sync ok", r.result("sync"));
        assertEquals("after try x", r.result("trycatch"));
        // 2.5 cannot be a Map or an int[]: found at weave time; those methods rethrow as unwoven would.
        assertEquals("threw java.lang.IllegalStateException: map fails", r.result("map"));
        assertFalse(r.stderr().contains("VerifyError"), r.stderr());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void classesOfANonSystemClassLoaderAreWovenToo(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - class: io.selfheal.it.apps.Flaky
                    methods: [ "failsThenSucceeds" ]
                    retry: { max-attempts: 3, backoff: { initial: 1ms } }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "loader").run();
        assertEquals("other", r.result("definedBy"), r.describe());
        assertEquals("hello iso after 3 runs", r.result("loader"), r.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aClassLoadedBeforeTheAgentAttachedIsRetransformed(Path jdk) throws Exception {
        Path cfg = config("""
                targets:
                  - class: io.selfheal.it.apps.Flaky
                    methods: [ "failsThenSucceeds" ]
                    retry: { max-attempts: 3, backoff: { initial: 1ms } }
                """);
        ChildJvm.Running app = ChildJvm.on(jdk).main(APP, "wait").start();
        app.awaitOutput("READY", Duration.ofSeconds(30));
        ChildJvm.Result attach = attachCommand(jdk, app.pid(), cfg);
        assertEquals(0, attach.exitCode(), attach.describe());
        app.send("go");
        ChildJvm.Result r = app.await(Duration.ofSeconds(60));
        assertEquals("threw java.io.IOException: transient failure 1", r.result("before"), r.describe());
        assertEquals("hello late after 3 runs", r.result("after"), r.describe());
        assertTrue(events().types().contains("healed"), events().toString());
        // The attached jar has no Boot-Class-Path. Applied to a running JVM, that entry makes
        // HotSpot warn on the application's output when the named file exists, and the JVM's
        // instrument library warn on its error output when it does not (the copy attached lies in
        // the temporary directory, where no selfheal-agent.jar is).
        assertFalse(r.stdout().contains("bootstrap classpath has been appended"), r.describe());
        assertFalse(r.stderr().contains("not added to bootstrap class loader search"), r.describe());
    }

    private static ChildJvm.Result attachCommand(Path jdk, long pid, Path cfg) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(jdk.resolve("bin/java").toString(), "-jar",
                ChildJvm.agentJar().toString(), "attach", Long.toString(pid), cfg.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        p.waitFor();
        return new ChildJvm.Result(p.exitValue(), out, err, pb.command());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aBadConfigIsReportedWholeAndTheApplicationRunsUnwoven(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - name: flaky
                    class: io.selfheal.it.apps.Flaky
                    methods: [ "failsThenSucceeds" ]
                    retry: { max-attempts: 3, backoff: { initial: 5 } }
                    retri: { max-attempts: 2 }
                  - name: nameless
                    methods: [ "x" ]
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "retry").run();
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("threw java.io.IOException: transient failure 1", r.result("retry"), "unwoven behaviour");
        String err = r.stderr();
        assertTrue(err.contains("3 problems"), err);
        assertTrue(err.contains(":7:51: targets[0].retry.backoff.initial:"), err);
        assertTrue(err.contains(":8:5: targets[0].retri: unknown key or strategy 'retri'; did you mean 'retry'?"), err);
        assertTrue(err.contains("targets[1].class: is required"), err);
        assertTrue(err.contains("the agent is disabled"), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);

        Files.writeString(cfg, "on-config-error: fail\n" + Files.readString(cfg));
        ChildJvm.Result failing = ChildJvm.on(jdk).agent(cfg).main(APP, "retry").run();
        assertNotEquals(0, failing.exitCode(), failing.describe());
        assertEquals(null, failing.result("retry"), "the application must not have started");
    }
}
