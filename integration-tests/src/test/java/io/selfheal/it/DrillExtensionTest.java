package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.it.support.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19: the selfheal-junit extension in a user's test project (src/test/resources/junit-project),
 * compiled here and run by the JUnit Platform console launcher in a child JVM with no -javaagent: the
 * extension attaches the agent itself. One test passes because the config heals its drill; the other
 * fails because it does not.
 */
class DrillExtensionTest {
    private static final String PROJECT = "junit-project/";
    private static final String[] SOURCES = {"com/example/drill/QuoteService.java",
        "com/example/drill/QuoteServiceDrillTest.java"};

    @TempDir
    Path dir;

    private static Path jar(String name) {
        return Paths.get(System.getProperty("selfheal.reliability.jars", "target/reliability-jars")).resolve(name)
                .toAbsolutePath();
    }

    private static Path junitJar() {
        Path p = Paths.get(System.getProperty("selfheal.junit.jar", "../junit/target/selfheal-junit.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(p), "selfheal-junit not built: " + p);
        return p;
    }

    private Path compileProject() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp",
                jar("junit-platform-console-standalone.jar") + File.pathSeparator + junitJar()));
        for (String s : SOURCES) {
            Path file = src.resolve(s);
            Files.createDirectories(file.getParent());
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(PROJECT + s)) {
                Files.write(file, in.readAllBytes());
            }
            args.add(file.toString());
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(PROJECT + "healing.yaml")) {
            Files.write(dir.resolve("healing.yaml"), in.readAllBytes());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertEquals(0, javac.run(null, errors, errors, args.toArray(new String[0])),
                () -> errors.toString(StandardCharsets.UTF_8));
        return classes;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aDrillTheConfigHealsPassesAndOneItDoesNotHealFails(Path jdk) throws Exception {
        Path classes = compileProject();
        Path reports = dir.resolve("reports");
        ChildJvm.Result r = ChildJvm.on(jdk).workDir(dir)
                .jvmArg("-Dselfheal.agent.jar=" + ChildJvm.agentJar())
                .jar(jar("junit-platform-console-standalone.jar"), "execute", "--disable-banner",
                        "--disable-ansi-colors", "--details=tree", "--reports-dir=" + reports,
                        "--class-path=" + String.join(File.pathSeparator, classes.toString(), junitJar().toString(),
                                jar("byte-buddy-agent.jar").toString()),
                        "--select-class=com.example.drill.QuoteServiceDrillTest")
                .timeout(Duration.ofSeconds(120)).run();
        String xml = Files.readString(reports.resolve("TEST-junit-jupiter.xml"));
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(xml.contains("tests=\"2\"") && xml.contains("failures=\"1\""), xml);
        assertEquals("", failureOf(xml, "retryHealsEveryDroppedQuote"), "the config heals this drill: it passes");
        String failed = failureOf(xml, "pricesHaveNoHealing");
        assertTrue(failed.contains("5 of 5 touched calls were not healed"), "expectHealed fails it by itself: " + failed);
        assertTrue(r.stderr().contains("[selfheal] agent"), "the extension attached the agent: " + r.describe());
    }

    /** The failure message of one test case in the JUnit XML report, or "" when it passed. */
    private static String failureOf(String xml, String test) {
        int at = xml.indexOf("name=\"" + test);
        assertTrue(at >= 0, test + " not run:\n" + xml);
        int end = xml.indexOf("</testcase>", at);
        String testcase = xml.substring(at, end < 0 ? xml.length() : end);
        Matcher m = Pattern.compile("<failure message=\"([^\"]*)\"").matcher(testcase);
        return m.find() ? m.group(1) : "";
    }
}
