package io.selfheal.it.support;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts a real JVM with the agent jar the build produced, as a user would, and collects what
 * it printed. Builder style: {@code ChildJvm.on(jdk).agent(config).main("...").run()}.
 */
public final class ChildJvm {
    private final Path javaHome;
    private String agentOptions;
    private boolean withAgent;
    private Path agentJarFile;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> classPath = new ArrayList<>();
    private String mainClass;
    private Path mainJar;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path workDir;
    private Duration timeout = Duration.ofSeconds(90);

    private ChildJvm(Path javaHome) {
        this.javaHome = javaHome;
        classPath.add(appsClasses().toString());
    }

    public static ChildJvm on(Path javaHome) {
        return new ChildJvm(javaHome);
    }

    /** The agent jar that {@code mvn package} built. */
    public static Path agentJar() {
        Path p = Paths.get(System.getProperty("selfheal.agent.jar", "../agent/target/selfheal-agent.jar"));
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("agent jar not built: " + p.toAbsolutePath() + " (run mvn package first)");
        }
        return p.toAbsolutePath().normalize();
    }

    /** A copy of the built agent jar at {@code dir/name} (a renamed jar, say). */
    public static Path agentJarCopy(Path dir, String name) throws java.io.IOException {
        return Files.copy(agentJar(), dir.resolve(name));
    }

    /** The compiled sample applications (this module's main classes). */
    public static Path appsClasses() {
        return Paths.get(System.getProperty("selfheal.apps.classes", "target/classes")).toAbsolutePath();
    }

    public static Path samplesDir() {
        return Paths.get(System.getProperty("selfheal.samples.dir", "../config-samples")).toAbsolutePath().normalize();
    }

    /** Attach the agent with {@code config=PATH}. */
    public ChildJvm agent(Path config) {
        return agentOptions("config=" + config.toAbsolutePath());
    }

    /** Attach the agent with a raw option string ({@code null}: no options). */
    public ChildJvm agentOptions(String options) {
        this.withAgent = true;
        this.agentOptions = options;
        return this;
    }

    /** Attach this jar instead of the built one (a renamed copy, say). */
    public ChildJvm agentJar(Path jar) {
        this.agentJarFile = jar;
        return this;
    }

    public ChildJvm jvmArg(String... a) {
        jvmArgs.addAll(Arrays.asList(a));
        return this;
    }

    public ChildJvm classPath(Path p) {
        classPath.add(p.toString());
        return this;
    }

    public ChildJvm main(String className, String... arguments) {
        this.mainClass = className;
        this.args.addAll(Arrays.asList(arguments));
        return this;
    }

    /** Run {@code java -jar JAR ARGS} instead of a main class (the class path is then unused). */
    public ChildJvm jar(Path jar, String... arguments) {
        this.mainJar = jar;
        this.args.addAll(Arrays.asList(arguments));
        return this;
    }

    public ChildJvm env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public ChildJvm workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    public ChildJvm timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin/java").toString());
        if (withAgent) {
            cmd.add("-javaagent:" + (agentJarFile != null ? agentJarFile : agentJar()) + (agentOptions == null ? "" : "=" + agentOptions));
        }
        cmd.addAll(jvmArgs);
        if (mainJar != null) {
            cmd.add("-jar");
            cmd.add(mainJar.toString());
        } else {
            cmd.add("-cp");
            cmd.add(String.join(java.io.File.pathSeparator, classPath));
            cmd.add(mainClass);
        }
        cmd.addAll(args);
        return cmd;
    }

    /** Runs to the end (or the timeout, which fails the test). */
    public Result run() {
        Running r = start();
        return r.await(timeout);
    }

    public Running start() {
        ProcessBuilder pb = new ProcessBuilder(command());
        pb.environment().putAll(env);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        try {
            return new Running(pb.start(), command(), javaHome);
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command(), e);
        }
    }

    /** A started child JVM. */
    public static final class Running {
        private final Process process;
        private final List<String> command;
        private final CompletableFuture<String> out;
        private final CompletableFuture<String> err;
        private final BufferedWriter stdin;
        private final Path javaHome;

        Running(Process process, List<String> command, Path javaHome) {
            this.process = process;
            this.command = command;
            this.javaHome = javaHome;
            this.out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            this.err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        }

        public long pid() {
            return process.pid();
        }

        public void send(String line) {
            try {
                stdin.write(line);
                stdin.newLine();
                stdin.flush();
            } catch (IOException e) {
                throw new AssertionError("cannot write to the child JVM", e);
            }
        }

        /**
         * Waits for the end; on a timeout takes a thread dump (see {@link #threadDump()}), kills
         * the child and fails with the dump and what it printed.
         */
        public Result await(Duration timeout) {
            if (!finishesWithin(timeout)) {
                String dump = threadDump();
                kill();
                throw new AssertionError("child JVM did not finish in " + timeout + ": " + command
                        + "\nthread dump:\n" + dump + "\nstdout:\n" + partialOut + "\nstderr:\n" + partialErr);
            }
            try {
                return new Result(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS), command);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        /** True when the child exited within {@code timeout}. */
        public boolean finishesWithin(Duration timeout) {
            try {
                return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /**
         * The child's threads, by its own JDK's {@code jcmd PID Thread.print}. A JVM too stuck to
         * answer the attach gets SIGQUIT instead, which makes HotSpot print the dump on its
         * stdout; the text then follows what jcmd said.
         */
        public String threadDump() {
            Path jcmd = javaHome.resolve("bin/jcmd");
            try {
                Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
                        .redirectErrorStream(true).start();
                CompletableFuture<String> text = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
                boolean done = p.waitFor(30, TimeUnit.SECONDS);
                if (done && p.exitValue() == 0) {
                    return text.get(10, TimeUnit.SECONDS);
                }
                p.destroyForcibly();
                int printed = partialOut.length();
                new ProcessBuilder("kill", "-QUIT", String.valueOf(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
                Thread.sleep(3000);
                return "jcmd failed (" + (done ? "exit " + p.exitValue() : "no answer in 30 s") + "): "
                        + text.getNow("") + "\nafter SIGQUIT the child printed:\n" + partialOut.substring(printed);
            } catch (Exception e) {
                return "no thread dump: " + e;
            }
        }

        /** Ends the child at once (SIGKILL: a hung JVM may never run its shutdown hooks). */
        public void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits until stdout shows {@code marker} (the child says it is ready). */
        public void awaitOutput(String marker, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (partialOut.toString().contains(marker)) {
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            throw new AssertionError("child JVM never printed '" + marker + "'; so far:\n" + partialOut);
        }

        /** What the child printed on stdout so far. */
        public String outputSoFar() {
            return partialOut.toString();
        }

        /** What the child printed on stderr so far. */
        public String errorsSoFar() {
            return partialErr.toString();
        }

        private final StringBuffer partialOut = new StringBuffer();
        private final StringBuffer partialErr = new StringBuffer();

        private String read(java.io.InputStream in) {
            StringBuilder sb = new StringBuilder();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    String s = new String(buf, 0, n, StandardCharsets.UTF_8);
                    sb.append(s);
                    if (in == process.getInputStream()) {
                        partialOut.append(s);
                    } else if (in == process.getErrorStream()) {
                        partialErr.append(s);
                    }
                }
            } catch (IOException e) {
                sb.append("\n<read error ").append(e).append('>');
            }
            return sb.toString();
        }
    }

    /** What a finished child JVM left behind. */
    public record Result(int exitCode, String stdout, String stderr, List<String> command) {

        /** The value printed as {@code RESULT name value} by the sample apps, or null. */
        public String result(String name) {
            for (String line : stdout.split("\\R")) {
                if (line.startsWith("RESULT " + name + " ")) {
                    return line.substring(("RESULT " + name + " ").length());
                }
            }
            return null;
        }

        public String describe() {
            return "command: " + String.join(" ", command) + "\nexit: " + exitCode + "\nstdout:\n" + stdout
                    + "\nstderr:\n" + stderr;
        }
    }
}
