package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.MarkdownPages;
import io.selfheal.it.support.MarkdownPages.MarkedBlock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The commands the docs print run as printed and say what the docs say they say. README.md's quick
 * start is run exactly as written: its YAML, its {@code java -javaagent} line on the small app it
 * names (com.example.shop, this module's main classes), and the healing log it shows.
 *
 * <p>A page marks what to run, just before a fenced block: {@code <!-- doc-test: file NAME -->}
 * writes the block to NAME in the page's working directory; {@code <!-- doc-test: run -->} (or
 * {@code run exit=N}) runs each {@code $ java ...} line of the block there, in page order, and
 * checks the exit code and that the lines under it appear in its output, in order (a line of only
 * {@code ...} is for the reader; {@code ...} inside a line stands for any text; clock times
 * {@code 12:34:56.789} are any time). The working directory holds the built jar as
 * {@code selfheal-agent.jar}, and {@code integration-tests/target/classes} and
 * {@code config-samples} as in a checkout. Each command is a JVM: keep the marked blocks few.
 */
class QuickStartAndDocCommandsTest {
    private static final Pattern CLOCK = Pattern.compile("\\b\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\b");
    private static final int MOST_COMMANDS = 10;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void everyMarkedCommandOfTheDocsRunsAsPrinted(Path jdk) throws Exception {
        int commands = 0;
        List<String> failures = new ArrayList<>();
        for (Path page : MarkdownPages.all()) {
            List<MarkedBlock> blocks = MarkdownPages.markedBlocks(page);
            if (blocks.isEmpty()) {
                continue;
            }
            Path work = workDir(page);
            for (MarkedBlock block : blocks) {
                switch (block.kind()) {
                    case "file" -> Files.writeString(work.resolve(block.argument("")), String.join("\n", block.content()) + "\n");
                    case "run" -> commands += run(jdk, work, block, failures);
                    default -> throw new AssertionError(block + ": unknown doc-test marker '" + block.marker() + "'");
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
        assertTrue(commands >= 4 && commands <= MOST_COMMANDS, "marked commands: " + commands + " (each is a JVM: keep them few)");
    }

    @Test
    void theReadmesQuickStartIsMarkedWhole() {
        List<MarkedBlock> blocks = MarkdownPages.markedBlocks(MarkdownPages.repoRoot().resolve("README.md"));
        assertTrue(blocks.stream().anyMatch(b -> b.kind().equals("file") && "selfheal.yaml".equals(b.argument(""))), blocks.toString());
        assertTrue(blocks.stream().anyMatch(b -> b.kind().equals("run")
                && b.content().stream().anyMatch(l -> l.startsWith("$ java -javaagent:selfheal-agent.jar=config=selfheal.yaml "))),
                blocks.toString());
        assertTrue(blocks.stream().anyMatch(b -> b.kind().equals("run")
                && b.content().stream().anyMatch(l -> l.startsWith("$ java -jar selfheal-agent.jar events "))), blocks.toString());
    }

    @Test
    void expectedOutputIsMatchedInOrderWithWildcards() {
        List<String> out = List.of("12:00:01.123  retry  prices  attempt=2  delayMs=118", "done");
        assertTrue(missing(List.of("00:00:00.000  retry  prices  attempt=2  delayMs=...", "...", "done"), out, List.of()).isEmpty());
        assertEquals(List.of("00:00:00.000  retry ..."), missing(List.of("done", "00:00:00.000  retry ..."), out, List.of()),
                "order counts");
        assertEquals(List.of("attempt=3"), missing(List.of("attempt=3"), out, List.of()));
    }

    private Path workDir(Path page) throws IOException {
        Path work = Files.createDirectories(dir.resolve(MarkdownPages.repoRoot().relativize(page).toString().replace('/', '_')));
        Files.copy(ChildJvm.agentJar(), work.resolve("selfheal-agent.jar"));
        Files.createDirectories(work.resolve("integration-tests/target"));
        Files.createSymbolicLink(work.resolve("integration-tests/target/classes"), ChildJvm.appsClasses());
        Files.createSymbolicLink(work.resolve("config-samples"), ChildJvm.samplesDir());
        return work;
    }

    /** Runs the block's commands; returns how many. */
    private static int run(Path jdk, Path work, MarkedBlock block, List<String> failures) throws Exception {
        int expectedExit = block.argument("exit") == null ? 0 : Integer.parseInt(block.argument("exit"));
        int count = 0;
        List<String> lines = block.content();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("$ ")) {
                continue;
            }
            List<String> expected = new ArrayList<>();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).startsWith("$ ")) {
                if (!lines.get(j).isBlank()) {
                    expected.add(lines.get(j));
                }
                j++;
            }
            List<String> command = words(lines.get(i).substring(2));
            if (!command.get(0).equals("java")) {
                throw new AssertionError(block + ": only java commands can be marked to run: " + lines.get(i));
            }
            command.set(0, jdk.resolve("bin/java").toString());
            Output o = exec(command, work);
            count++;
            List<String> missing = missing(expected, o.stdout, o.stderr);
            if (o.exit != expectedExit || !missing.isEmpty()) {
                failures.add(block + ": " + lines.get(i) + "\nexit " + o.exit + " (expected " + expectedExit + ")"
                        + "\nnot found in the output, in order: " + missing
                        + "\nstdout:\n" + String.join("\n", o.stdout) + "\nstderr:\n" + String.join("\n", o.stderr));
            }
            i = j - 1;
        }
        return count;
    }

    /**
     * The expected lines not found in order: each must match a line of stdout or of stderr after
     * the one the previous expected line matched in that stream.
     */
    private static List<String> missing(List<String> expected, List<String> stdout, List<String> stderr) {
        List<String> missing = new ArrayList<>();
        int[] at = {0, 0};
        List<List<String>> streams = List.of(stdout, stderr);
        for (String line : expected) {
            if (line.trim().equals("...")) {
                continue;
            }
            Pattern p = pattern(line);
            boolean found = false;
            for (int s = 0; s < 2 && !found; s++) {
                List<String> stream = streams.get(s);
                for (int k = at[s]; k < stream.size(); k++) {
                    if (p.matcher(normalized(stream.get(k))).matches()) {
                        at[s] = k + 1;
                        found = true;
                        break;
                    }
                }
            }
            if (!found) {
                missing.add(line);
            }
        }
        return missing;
    }

    private static Pattern pattern(String expectedLine) {
        String[] parts = normalized(expectedLine).split("\\.\\.\\.", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : ".*").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }

    private static String normalized(String line) {
        return CLOCK.matcher(line.stripTrailing()).replaceAll("00:00:00.000");
    }

    /** A command line split into words; single and double quotes group. */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || w.length() > 0) {
                    out.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
            }
        }
        if (any || w.length() > 0) {
            out.add(w.toString());
        }
        return out;
    }

    private record Output(int exit, List<String> stdout, List<String> stderr) {
    }

    private static Output exec(List<String> command, Path work) throws Exception {
        Process p = new ProcessBuilder(command).directory(work.toFile()).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish in 120 s: " + command);
        }
        return new Output(p.exitValue(), nonBlank(out), nonBlank(err.get(10, TimeUnit.SECONDS)));
    }

    private static List<String> nonBlank(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<read error " + e + ">";
        }
    }
}
