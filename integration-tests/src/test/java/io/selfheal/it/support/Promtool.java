package io.selfheal.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own checker, {@code promtool} (Debian's {@code prometheus} package; {@code .ci/run}
 * installs it). A missing promtool is a failure, not a skip: the checks are promised.
 */
public final class Promtool {
    private Promtool() {
    }

    /** What promtool said and how it ended. */
    public record Outcome(int exitCode, String output) {
    }

    /** {@code promtool check metrics}, the text on its stdin. */
    public static Outcome checkMetrics(String exposition) {
        return run(exposition, "check", "metrics");
    }

    /** {@code promtool check rules FILE}. */
    public static Outcome checkRules(Path rules) {
        return run((String) null, "check", "rules", rules.toString());
    }

    /** {@code promtool ARGS} run in {@code workDir} (rule tests name their rule files relative to it). */
    public static Outcome run(Path workDir, String... args) {
        return run(workDir, (String) null, args);
    }

    private static Outcome run(String stdin, String... args) {
        return run((Path) null, stdin, args);
    }

    private static Outcome run(Path workDir, String stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable());
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("promtool did not finish: " + cmd);
            }
            return new Outcome(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "promtool");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError("promtool is missing: install Debian's 'prometheus' package"
                + " (apt-get install prometheus; .ci/run does so on a fresh machine)");
    }
}
