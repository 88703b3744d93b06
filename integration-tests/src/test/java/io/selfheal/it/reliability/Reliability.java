package io.selfheal.it.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared helpers of the reliability tests: the fetched jars, and the figures they produce. */
final class Reliability {
    private Reliability() {
    }

    /** A jar the build copied from Maven Central into target/reliability-jars (see the pom). */
    static Path jar(String name) {
        Path p = Paths.get(System.getProperty("selfheal.reliability.jars", "target/reliability-jars")).resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("missing " + p.toAbsolutePath() + " (run the build: mvn package)");
        }
        return p.toAbsolutePath();
    }

    /** The number after {@code key=} in a {@code key=value} line. */
    static int number(String line, String key) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(key) + "=(-?\\d+)").matcher(line);
        if (!m.find()) {
            throw new AssertionError("no " + key + "= in: " + line);
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * Appends a figure to target/reliability-figures.txt, from which RELIABILITY.md is updated by
     * hand after a run (the tests never edit a tracked file).
     */
    static void record(String point, String jdk, String figure) {
        String line = Instant.now() + " JDK " + jdk + " " + point + ": " + figure + System.lineSeparator();
        try {
            Files.writeString(Paths.get("target/reliability-figures.txt"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
