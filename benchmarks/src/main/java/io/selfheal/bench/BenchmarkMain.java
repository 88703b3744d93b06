package io.selfheal.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code java -jar benchmarks/target/benchmarks.jar [JMH options]}: JMH's own command line, with
 * every fork started under the real agent. The agent jar and the config are found from where this
 * jar is ({@code benchmarks/target/}), whatever the working directory; {@code -Dselfheal.bench.agent}
 * overrides the agent jar.
 *
 * <p>The config is {@code selfheal-bench.yaml}; it is checked with the agent's {@code validate}
 * command first, so a config the agent rejects stops the run with the agent's report.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, RunnerException {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing command line: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
                || cli.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Path target = ownDirectory();
        Path agent = Path.of(System.getProperty("selfheal.bench.agent",
                target.resolve("../../agent/target/selfheal-agent.jar").normalize().toString())).toAbsolutePath();
        if (!Files.isRegularFile(agent)) {
            System.err.println("the agent jar is missing: " + agent + " (build it: mvn -B -q -Pbenchmarks package -DskipTests)");
            System.exit(1);
        }
        Path config = writeConfig(target, agent);

        List<String> jvmArgs = new ArrayList<>(cli.getJvmArgsAppend().orElse(List.of()));
        jvmArgs.add("-javaagent:" + agent + "=config=" + config);
        Options options = new OptionsBuilder().parent(cli).jvmArgsAppend(jvmArgs.toArray(new String[0])).build();
        Summary.print(new Runner(options).run(), System.out);
    }

    /** The directory holding this jar (or the classes directory when run from an IDE). */
    private static Path ownDirectory() {
        try {
            Path here = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return here.getParent().toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writeConfig(Path target, Path agent) throws IOException, InterruptedException {
        String template;
        try (InputStream in = BenchmarkMain.class.getResourceAsStream("/selfheal-bench.yaml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String yaml = template.replace("@EVENTS_FILE@", target.resolve("bench-events.jsonl").toString());
        Path config = target.resolve("selfheal-bench.yaml");
        Files.writeString(config, yaml);
        String problems = validate(agent, config);
        if (problems != null) {
            System.err.println("[bench] the agent rejects " + config + ":\n" + problems.strip());
            System.exit(1);
        }
        return config;
    }

    /** Runs the agent's {@code validate} command; {@code null} when the config is valid, else its report. */
    private static String validate(Path agent, Path config) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-jar", agent.toString(), "validate", config.toString())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        return p.waitFor() == 0 ? null : out.toString(StandardCharsets.UTF_8);
    }
}
