package io.selfheal.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JDKs every integration test runs on: the one running the build (17) and the Temurin 25 JDK
 * under {@code /usr/lib/jvm}. A missing 25 is a failure, not a skip: both are promised.
 * {@code -Dselfheal.test.jdks=/path/a,/path/b} overrides the list.
 */
public final class Jdks {
    private Jdks() {
    }

    /** Homes of the JDKs to test on. */
    public static List<Path> all() {
        String override = System.getProperty("selfheal.test.jdks");
        List<Path> homes = new ArrayList<>();
        if (override != null && !override.isBlank()) {
            for (String p : override.split(",")) {
                homes.add(Paths.get(p.trim()));
            }
            return homes;
        }
        homes.add(Paths.get(System.getProperty("java.home")));
        homes.add(temurin25());
        return homes;
    }

    public static Stream<Path> stream() {
        return all().stream();
    }

    public static Path temurin25() {
        try (Stream<Path> s = Files.list(Paths.get("/usr/lib/jvm"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("temurin-25"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/java")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Temurin 25 JDK under /usr/lib/jvm"));
        } catch (IOException e) {
            throw new AssertionError("cannot list /usr/lib/jvm", e);
        }
    }

    /** A short label for test names: "17", "25". */
    public static String label(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return home.getFileName().toString();
    }
}
