package io.selfheal.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import io.selfheal.it.support.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, point 6: healing in a child-first class loader, in a Spring Boot executable jar (nested
 * jars, built here with spring-boot-loader from Maven Central), and in a JDK class named by the
 * config, which shows that woven code in java.base reaches the bootstrap gateway. Each with the
 * agent jar under its own name (the agent in the boot loader) and renamed (the agent in the
 * application loader).
 */
class ClassLoadersTest {
    @TempDir
    Path dir;

    /** Each JDK, with the agent jar under its own name and renamed. */
    static Stream<Arguments> jdksAndJarNames() {
        return Jdks.stream().flatMap(jdk -> Stream.of(Arguments.of(jdk, "selfheal-agent.jar"),
                Arguments.of(jdk, "renamed-agent.jar")));
    }

    private ChildJvm withAgent(Path jdk, String jarName, Path cfg) throws IOException {
        Path jar = ChildJvm.agentJar();
        if (!jar.getFileName().toString().equals(jarName)) {
            jar = ChildJvm.agentJarCopy(dir, jarName);
        }
        return ChildJvm.on(jdk).agentJar(jar).agent(cfg);
    }

    private Path config(String targets) throws IOException {
        Path file = dir.resolve("selfheal.yaml");
        Files.writeString(file, "events:\n  file: " + dir.resolve("events.jsonl") + "\ntargets:\n" + targets);
        return file;
    }

    @ParameterizedTest(name = "JDK {0}, {1}")
    @MethodSource("jdksAndJarNames")
    void healsAClassInAChildFirstLoaderWithAFallbackFromThatLoader(Path jdk, String jarName) throws IOException {
        String app = "io.selfheal.it.apps.isolated.ChildFirstApp";
        ChildJvm.Result bare = ChildJvm.on(jdk).main(app).run();
        assertEquals("child-first", bare.result("loader"), bare.describe());
        assertEquals("false", bare.result("sameAsApp"));
        assertEquals("threw java.io.IOException: run 1 fails", bare.result("fetch"), bare.describe());

        Path cfg = config("""
                  - class: io.selfheal.it.apps.isolated.IsolatedService
                    retry: { max-attempts: 3, backoff: { initial: 1ms } }
                    fallback:
                      - method: io.selfheal.it.apps.isolated.IsolatedFallbacks#cached
                """);
        ChildJvm.Result r = withAgent(jdk, jarName, cfg).main(app).run();
        assertEquals("returned k on run 3 in child-first", r.result("fetch"), r.describe());
        assertEquals("returned cached b from child-first", r.result("broken"), r.describe());
        assertEquals(List.of(), Events.read(dir.resolve("events.jsonl")).ofType("config-problem"));
        Reliability.record("class-loaders", Jdks.label(jdk) + ", " + jarName,
                "child-first loader: retry and fallback healed");
    }

    @ParameterizedTest(name = "JDK {0}, {1}")
    @MethodSource("jdksAndJarNames")
    void healsAClassInANestedJarOfASpringBootExecutableJar(Path jdk, String jarName) throws IOException {
        Path jar = SpringBootJar.build(dir, "io.selfheal.it.apps.boot.BootApp",
                List.of("io.selfheal.it.apps.boot.BootApp", "io.selfheal.it.apps.boot.BootApp$Call",
                        "io.selfheal.it.apps.boot.BootFallbacks"),
                List.of("io.selfheal.it.apps.boot.BootService"));
        ChildJvm.Result bare = ChildJvm.on(jdk).jar(jar).run();
        assertEquals("org.springframework.boot.loader.launch.LaunchedClassLoader", bare.result("loader"), bare.describe());
        assertEquals("threw java.io.IOException: run 1 fails", bare.result("fetch"), bare.describe());

        Path cfg = config("""
                  - class: io.selfheal.it.apps.boot.BootService
                    retry: { max-attempts: 2, backoff: { initial: 1ms } }
                    fallback:
                      - method: io.selfheal.it.apps.boot.BootFallbacks#cached
                """);
        ChildJvm.Result r = withAgent(jdk, jarName, cfg).jar(jar).run();
        assertEquals("returned k on run 2", r.result("fetch"), r.describe());
        assertEquals("returned cached b", r.result("broken"), r.describe());
        assertEquals(List.of(), Events.read(dir.resolve("events.jsonl")).ofType("config-problem"));
        Reliability.record("class-loaders", Jdks.label(jdk) + ", " + jarName,
                "Spring Boot executable jar (nested jar): healed");
    }

    @ParameterizedTest(name = "JDK {0}, {1}")
    @MethodSource("jdksAndJarNames")
    void healsAJdkMethodNamedByTheConfig(Path jdk, String jarName) throws IOException {
        String app = "io.selfheal.it.apps.jdk.HttpApp";
        ChildJvm.Result bare = ChildJvm.on(jdk).main(app).run();
        assertEquals("threw java.net.ConnectException", bare.result("code"), bare.describe());

        Path cfg = config("""
                  - name: http
                    class: java.net.HttpURLConnection
                    methods: [ getResponseCode ]
                    retry: { max-attempts: 2, backoff: { initial: 1ms }, on: [ java.net.ConnectException ] }
                    fallback:
                      - value: 503
                """);
        ChildJvm.Result r = withAgent(jdk, jarName, cfg).main(app).run();
        assertEquals("sun.net.www.protocol.http.HttpURLConnection", r.result("class"), r.describe());
        assertEquals("503", r.result("code"), r.describe());
        Events events = Events.read(dir.resolve("events.jsonl"));
        assertEquals(List.of("error-detected", "retry", "error-detected", "fallback", "healed"),
                events.typesFor("getResponseCode"), events.toString());
        Reliability.record("class-loaders", Jdks.label(jdk) + ", " + jarName,
                "JDK class java.net.HttpURLConnection: healed");
    }
}
