package io.selfheal.it.reliability;

import io.selfheal.it.support.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Apache Commons Collections 4.5.0's own tests (its tests jar from Maven Central), a fast subset,
 * run in a child JVM by the JUnit Platform console launcher, with or without the agent.
 */
final class CollectionsSuite {
    static final String ROOT_PACKAGE = "org.apache.commons.collections4";
    /**
     * Whole packages of the collection types (bags, bidirectional maps, decorators, lists,
     * multisets, queues, sets) whose tests need nothing beyond Commons Lang, plus three maps:
     * {@code LRUMap} (its tests run four threads on one synchronized map), {@code HashedMap} and
     * {@code LinkedMap} (cloneable, linked entries).
     */
    private static final List<String> PACKAGES = List.of("bag", "bidimap", "collection", "list", "multiset", "queue", "set");
    private static final List<String> CLASSES = List.of("map.LRUMapTest", "map.HashedMapTest", "map.LinkedMapTest");
    /** The serialized forms the tests compare with, read from {@code src/test/resources} of the working directory. */
    private static final String DATA = "org/apache/commons/collections4/data/";

    /** What one run left: per-test outcomes, its wall time, what the child printed. */
    record Run(SuiteOutcomes outcomes, Duration wallTime, ChildJvm.Result result) {
    }

    /** The run did not end in time: a thread dump was taken before the child was killed. */
    static final class Hung extends Exception {
        Hung(String message) {
            super(message);
        }
    }

    private CollectionsSuite() {
    }

    /**
     * Runs the subset on {@code jdk}, with the agent and {@code config} unless it is null, in
     * {@code dir} (its working directory: the tests read their serialized forms from there).
     */
    static Run run(Path jdk, Path config, Path dir, Duration timeout) throws IOException, Hung {
        Path workDir = Files.createDirectories(dir.resolve("work"));
        unpackSerializedForms(workDir.resolve("src/test/resources"));
        Path reports = dir.resolve("reports");
        List<String> args = new ArrayList<>(List.of("execute", "--disable-banner", "--disable-ansi-colors",
                "--details=testfeed", "--reports-dir=" + reports,
                "--class-path=" + String.join(File.pathSeparator, Reliability.jar("commons-collections4-tests.jar").toString(),
                        Reliability.jar("commons-collections4.jar").toString(), Reliability.jar("commons-lang3.jar").toString())));
        PACKAGES.forEach(p -> args.add("--select-package=" + ROOT_PACKAGE + "." + p));
        CLASSES.forEach(c -> args.add("--select-class=" + ROOT_PACKAGE + "." + c));

        ChildJvm jvm = ChildJvm.on(jdk).workDir(workDir).jar(Reliability.jar("junit-platform-console-standalone.jar"),
                args.toArray(String[]::new));
        if (config != null) {
            jvm.agent(config);
        }
        long start = System.nanoTime();
        ChildJvm.Running running = jvm.start();
        if (!running.finishesWithin(timeout)) {
            String dump = running.threadDump();
            running.kill();
            throw new Hung("the suite did not finish in " + timeout + "; tests started and never finished: "
                    + unfinishedTests(running.outputSoFar()) + "\ncommand: " + String.join(" ", jvm.command())
                    + "\nthread dump:\n" + dump + "\nstderr (distinct lines, first 60):\n" + distinctLines(running.errorsSoFar(), 60));
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        ChildJvm.Result result = running.await(Duration.ofSeconds(10));
        if (!Files.isRegularFile(reports.resolve("TEST-junit-jupiter.xml"))) {
            String out = result.stdout();
            throw new AssertionError("the launcher wrote no report (exit " + result.exitCode() + ")\nstderr (distinct lines, first 60):\n"
                    + distinctLines(result.stderr(), 60) + "\nstdout (end):\n" + out.substring(Math.max(0, out.length() - 4000)));
        }
        return new Run(SuiteOutcomes.read(reports), wall, result);
    }

    /** The library's own classes (not its tests): the classes of the main jar. */
    static Set<String> libraryClasses() throws IOException {
        Set<String> names = new TreeSet<>();
        try (JarFile jar = new JarFile(Reliability.jar("commons-collections4.jar").toFile())) {
            jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class"))
                    .forEach(n -> names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
        }
        return names;
    }

    private static void unpackSerializedForms(Path resources) throws IOException {
        try (JarFile jar = new JarFile(Reliability.jar("commons-collections4-tests.jar").toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
                if (e.getName().startsWith(DATA) && !e.isDirectory()) {
                    Path target = resources.resolve(e.getName());
                    Files.createDirectories(target.getParent());
                    try (InputStream in = jar.getInputStream(e)) {
                        Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    /** The test-feed lines ({@code ... > test() :: STARTED}) with no outcome line after them. */
    static List<String> unfinishedTests(String stdout) {
        Set<String> open = new LinkedHashSet<>();
        for (String line : stdout.split("\\R")) {
            int mark = line.lastIndexOf(" :: ");
            if (mark < 0) {
                continue;
            }
            String test = line.substring(0, mark);
            if (line.endsWith(":: STARTED")) {
                open.add(test);
            } else {
                open.remove(test);
            }
        }
        return new ArrayList<>(open);
    }

    private static String distinctLines(String text, int max) {
        StringBuilder sb = new StringBuilder();
        text.lines().distinct().limit(max).forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }
}
