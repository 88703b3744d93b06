package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.it.support.ChildJvm;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8: the start-up changes keep behaviour. The MXBean is there and woven code heals; the
 * phase trace appears only when asked for. The agent is built at the first class it weaves (whose
 * first call already heals, with ASM in the boot loader), when JMX starts, or in premain when the
 * config has parts that act on their own; a run that loads no target's class still reports it.
 */
class StartupTest {
    private static final String APP = "io.selfheal.it.apps.StartupApp";

    @TempDir
    Path dir;

    /** Every target has a strategy: one that only observes is a warning on stderr, which these runs must not print. */
    private Path config() throws IOException {
        return config("selfheal.yaml", """
                targets:
                  - class: io.selfheal.it.apps.StartupApp$Greeter
                    methods: [ greet ]
                    fallback: [ { value: "hello from the fallback" } ]
                  - class: com.acme.NeverLoaded
                    retry: {}
                """);
    }

    /** A config file of these targets, its events to events.jsonl in the test's directory. */
    private Path config(String name, String targets) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "events:\n  file: " + dir.resolve("events.jsonl") + "\n" + targets);
        return file;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theAgentMBeanIsRegisteredAndWovenCodeHeals(Path jdk) throws IOException {
        ChildJvm.Result r = ChildJvm.on(jdk).agent(config()).main(APP).run();
        assertEquals("hello from the fallback", r.result("greeting"), r.describe());
        assertEquals("registered", r.result("mbean"), r.describe());
        assertEquals("2", r.result("targets"), r.describe());
        assertEquals("boot", r.result("asm-loader"), r.describe());
        assertFalse(r.stderr().contains("start-up"), r.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theFirstClassToWeaveBuildsTheAgentAfterPremain(Path jdk) throws IOException {
        ChildJvm.Result r = ChildJvm.on(jdk).agent(config()).jvmArg("-Dselfheal.debug.startup=true").main(APP).run();
        assertEquals("hello from the fallback", r.result("greeting"), r.describe());
        assertTrue(phaseIndex(r, "started") < phaseIndex(r,
                "agent built (first class to weave: io.selfheal.it.apps.StartupApp$Greeter)"), r.describe());
        assertEquals(-1, phaseIndex(r, "agent built (the platform MBean server started)"), r.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void withNoTargetLoadedTheAgentIsBuiltWhenJmxStartsAndTheRunIsStillReported(Path jdk) throws IOException {
        ChildJvm.Result r = ChildJvm.on(jdk).agent(config()).jvmArg("-Dselfheal.debug.startup=true")
                .main(APP, "no-target").run();
        assertEquals("registered", r.result("mbean"), r.describe());
        assertTrue(phaseIndex(r, "started") < phaseIndex(r, "agent built (the platform MBean server started)"),
                r.describe());
        String events = Files.readString(dir.resolve("events.jsonl"));
        assertTrue(events.contains("\"type\":\"agent-started\""), events);
        for (String target : new String[] {"io.selfheal.it.apps.StartupApp$Greeter", "com.acme.NeverLoaded"}) {
            assertTrue(events.lines().anyMatch(l -> l.contains("\"type\":\"config-problem\"")
                    && l.contains("matched no method during this run (class " + target)), target + "\n" + events);
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void fourThreadsLoadingTargetClassesAtOnceGetOneAgentAndAllHeal(Path jdk) throws IOException {
        Path config = config("parallel.yaml", """
                targets:
                  - class: io.selfheal.it.apps.StartupApp$Parallel*
                    methods: [ greet ]
                    fallback: [ { value: "hello from the fallback" } ]
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(config).jvmArg("-Dselfheal.debug.startup=true")
                .main(APP, "parallel").run();
        for (int i = 0; i < 4; i++) {
            assertEquals("hello from the fallback", r.result("parallel" + i), r.describe());
        }
        assertEquals(1, r.stderr().lines().filter(l -> l.contains(" ms cpu: agent built (")).count(), r.describe());
        String events = Files.readString(dir.resolve("events.jsonl"));
        for (int i = 0; i < 4; i++) {
            String woven = "\"class\":\"io.selfheal.it.apps.StartupApp$Parallel" + i + "\"";
            assertEquals(1, events.lines().filter(l -> l.contains("\"type\":\"target-woven\"") && l.contains(woven))
                    .count(), woven + "\n" + events);
        }
        assertFalse(events.contains("\"type\":\"agent-fault\""), events);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aConfigWithPartsThatActOnTheirOwnBuildsTheAgentInPremain(Path jdk) throws IOException {
        Path config = config();
        Files.writeString(config, "watch-config: true\n" + Files.readString(config));
        ChildJvm.Result r = ChildJvm.on(jdk).agent(config).jvmArg("-Dselfheal.debug.startup=true").main(APP).run();
        assertEquals("hello from the fallback", r.result("greeting"), r.describe());
        assertTrue(phaseIndex(r, "agent built (watch-config)") < phaseIndex(r, "started"), r.describe());
    }

    /** The line number of the start-up trace line for {@code phase}, or -1. */
    private static int phaseIndex(ChildJvm.Result r, String phase) {
        List<String> lines = r.stderr().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("[selfheal] start-up +") && lines.get(i).endsWith(" ms cpu: " + phase + " (main)")) {
                return i;
            }
        }
        return -1;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theStartupTraceNamesEachPhaseWithWallAndCpuTime(Path jdk) throws IOException {
        ChildJvm.Result r = ChildJvm.on(jdk).agent(config()).jvmArg("-Dselfheal.debug.startup=true").main(APP).run();
        assertEquals("hello from the fallback", r.result("greeting"), r.describe());
        assertPhases(r, "premain", "running from the boot class path", "config read", "class-load hook added",
                "loaded classes checked", "started", "engine built", "agent parts started", "mbeans registered");
    }

    private static void assertPhases(ChildJvm.Result r, String... phases) {
        for (String phase : phases) {
            assertTrue(r.stderr().lines().anyMatch(l -> l.startsWith("[selfheal] start-up +")
                    && l.contains(" ms wall, ") && l.contains(" ms cpu: " + phase + " (")), phase + "\n" + r.describe());
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void underItsOwnNameTheAgentRunsFromTheBootClassPathAndTheJvmSaysNothing(Path jdk) throws IOException {
        ChildJvm.Result r = ChildJvm.on(jdk).agent(config()).jvmArg("-Dselfheal.debug.startup=true").main(APP).run();
        assertHealedWithTheAgentIn("boot", r);
        assertEquals(-1, phaseIndex(r, "bootstrap classes defined"), r.describe());
    }

    /** A selfheal-agent.jar in {@code dir} that is another build: the built jar with one more entry. */
    private static Path anotherBuild(Path dir) throws IOException {
        Path jar = ChildJvm.agentJarCopy(dir, "selfheal-agent.jar");
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            Files.writeString(zip.getPath("META-INF/selfheal/another-build.txt"), "another build");
        }
        return jar;
    }

    /** Healed, the agent's classes in {@code loader}, ASM in the boot loader either way, and no JVM warning. */
    private static void assertHealedWithTheAgentIn(String loader, ChildJvm.Result r) {
        assertEquals("hello from the fallback", r.result("greeting"), r.describe());
        assertEquals(loader, r.result("agent-loader"), r.describe());
        assertEquals(loader, r.result("engine-loader"), r.describe());
        assertEquals("boot", r.result("asm-loader"), r.describe());
        assertFalse(r.stdout().toLowerCase().contains("warning"), r.describe());
        assertFalse(r.stderr().toLowerCase().contains("warning"), r.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void renamedTheAgentRunsFromTheApplicationLoaderAndHealsAlike(Path jdk) throws IOException {
        Path renamed = ChildJvm.agentJarCopy(dir, "selfheal-agent-renamed.jar");
        ChildJvm.Result r = ChildJvm.on(jdk).agentJar(renamed).agent(config())
                .jvmArg("-Dselfheal.debug.startup=true").main(APP).run();
        assertHealedWithTheAgentIn("app", r);
        assertEquals("registered", r.result("mbean"), r.describe());
        assertPhases(r, "premain", "bootstrap classes defined", "config read", "started",
                "ASM defined in the boot loader", "engine built");
        assertEquals(-1, phaseIndex(r, "running from the boot class path"), r.describe());
    }

    /**
     * A renamed agent jar next to another file named selfheal-agent.jar (an older version kept
     * beside a newer one): the boot loader would run the other file's classes. The agent says so
     * and stays off; the application runs unwoven.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aDifferentSelfhealAgentJarBesideARenamedOneTurnsTheAgentOffWithTheReason(Path jdk) throws IOException {
        Path renamed = ChildJvm.agentJarCopy(dir, "selfheal-agent-2.jar");
        Path other = anotherBuild(dir);
        ChildJvm.Result r = ChildJvm.on(jdk).agentJar(renamed).agent(config()).main(APP).run();
        // As without the agent: the greeter's failure reaches main.
        assertNull(r.result("greeting"), r.describe());
        assertTrue(r.stderr().contains("greeter down"), r.describe());
        assertTrue(r.stderr().contains("the agent's classes were read from " + other), r.describe());
        assertTrue(r.stderr().contains("The agent is disabled"), r.describe());
        assertFalse(Files.exists(dir.resolve("events.jsonl")), r.describe());
    }

    /**
     * A selfheal jar from before the launcher class (simulated: the jar without it) named
     * selfheal-agent.jar beside a renamed newer one: the boot loader would run the older classes.
     * The newer launcher, loaded from the renamed jar, sees that and keeps the agent off.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void anOlderSelfhealAgentJarBesideARenamedOneTurnsTheAgentOff(Path jdk) throws IOException {
        Path renamed = ChildJvm.agentJarCopy(dir, "selfheal-agent-2.jar");
        try (FileSystem zip = FileSystems.newFileSystem(ChildJvm.agentJarCopy(dir, "selfheal-agent.jar"))) {
            Files.delete(zip.getPath("io/selfheal/agent/AgentLauncher.class"));
        }
        ChildJvm.Result r = ChildJvm.on(jdk).agentJar(renamed).agent(config()).main(APP).run();
        assertNull(r.result("greeting"), r.describe());
        assertTrue(r.stderr().contains("greeter down"), r.describe());
        assertTrue(r.stderr().contains("an older selfheal agent jar is on the boot class path"), r.describe());
        assertFalse(Files.exists(dir.resolve("events.jsonl")), r.describe());
    }

    /**
     * The JVM resolves Boot-Class-Path next to the jar's real path. A link named
     * selfheal-agent.jar to a jar with another name, beside which lies a different
     * selfheal-agent.jar: that one is what the boot loader reads, and the agent refuses it.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aLinkNamedLikeTheAgentIsJudgedByTheFileItLinksTo(Path jdk) throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        ChildJvm.agentJarCopy(real, "selfheal-agent-2.jar");
        Path other = anotherBuild(real);
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("link")).resolve("selfheal-agent.jar"),
                real.resolve("selfheal-agent-2.jar"));
        ChildJvm.Result refused = ChildJvm.on(jdk).agentJar(link).agent(config()).main(APP).run();
        assertTrue(refused.stderr().contains("the agent's classes were read from " + other), refused.describe());
        assertTrue(refused.stderr().contains("greeter down"), refused.describe());

        // And the other way round: a link with another name to selfheal-agent.jar is that jar.
        Path current = Files.createSymbolicLink(dir.resolve("current.jar"), ChildJvm.agentJar());
        Files.copy(other, dir.resolve("selfheal-agent.jar"));
        ChildJvm.Result r = ChildJvm.on(jdk).agentJar(current).agent(config()).main(APP).run();
        assertHealedWithTheAgentIn("boot", r);
    }

    /** A fallback value of a java.sql type, which the boot loader cannot see, from the agent in the boot loader. */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aFallbackValueOfAJdbcTypeIsReturnedFromTheBootLoader(Path jdk) throws IOException {
        Path config = config("when.yaml", """
                targets:
                  - class: io.selfheal.it.apps.StartupApp$Clock
                    methods: [ when ]
                    fallback: [ { value: "2024-05-01 12:00:00" } ]
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(config).main(APP, "when").run();
        assertEquals("2024-05-01 12:00:00.0", r.result("when"), r.describe());
    }
}
