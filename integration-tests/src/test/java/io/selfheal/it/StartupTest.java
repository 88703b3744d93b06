package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.it.support.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8: the start-up changes keep behaviour. The MXBean is there and woven code heals; the
 * phase trace appears only when asked for.
 */
class StartupTest {
    private static final String APP = "io.selfheal.it.apps.StartupApp";

    @TempDir
    Path dir;

    private Path config() throws IOException {
        Path file = dir.resolve("selfheal.yaml");
        Files.writeString(file, "events:\n  file: " + dir.resolve("events.jsonl") + "\n" + """
                targets:
                  - class: io.selfheal.it.apps.StartupApp$Greeter
                    methods: [ greet ]
                    fallback: [ { value: "hello from the fallback" } ]
                  - class: com.acme.NeverLoaded
                """);
        return file;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theAgentMBeanIsRegisteredAndWovenCodeHeals(Path jdk) throws IOException {
        ChildJvm.Result r = ChildJvm.on(jdk).agent(config()).main(APP).run();
        assertEquals("hello from the fallback", r.result("greeting"), r.describe());
        assertEquals("registered", r.result("mbean"), r.describe());
        assertEquals("2", r.result("targets"), r.describe());
        assertFalse(r.stderr().contains("start-up"), r.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theStartupTraceNamesEachPhaseWithWallAndCpuTime(Path jdk) throws IOException {
        ChildJvm.Result r = ChildJvm.on(jdk).agent(config()).jvmArg("-Dselfheal.debug.startup=true").main(APP).run();
        assertEquals("hello from the fallback", r.result("greeting"), r.describe());
        for (String phase : new String[] {"premain", "bootstrap classes defined", "config read", "engine installed",
                "transformer added", "started", "mbeans registered"}) {
            assertTrue(r.stderr().lines().anyMatch(l -> l.startsWith("[selfheal] start-up +")
                    && l.contains(" ms wall, ") && l.contains(" ms cpu: " + phase + " (")), phase + "\n" + r.describe());
        }
    }
}
