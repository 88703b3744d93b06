package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import io.selfheal.it.support.Jdks;
import io.selfheal.it.support.MarkdownPages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What README promises: the demo heals, the command line validates, unnamed classes are untouched. */
class DemoAndCommandLineTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void theDemoFailsWithoutTheAgentAndCompletesEveryOrderWithIt(Path jdk) throws IOException {
        ChildJvm.Result bare = ChildJvm.on(jdk).main("io.selfheal.demo.DemoApp").run();
        assertTrue(bare.stdout().contains("FAILED java.io.IOException"), bare.describe());
        assertTrue(!bare.stdout().contains("12 of 12 orders completed"), bare.describe());

        // The sample config writes its events relative to the working directory.
        ChildJvm.Result healed = ChildJvm.on(jdk).workDir(dir)
                .agent(ChildJvm.samplesDir().resolve("demo.yaml")).main("io.selfheal.demo.DemoApp").run();
        assertTrue(healed.stdout().contains("12 of 12 orders completed"), healed.describe());
        assertTrue(healed.stdout().contains("cached-supplier-for-"), "the outage falls back: " + healed.stdout());
        Events events = Events.read(dir.resolve("target/selfheal-demo-events.jsonl"));
        List<String> types = events.types();
        assertTrue(types.contains("retry") && types.contains("healed"), types.toString());
        assertTrue(types.contains("circuit-opened"), "the outage opens the suppliers' circuit: " + types);
        List<String> fallbacks = new ArrayList<>();
        events.ofType("fallback").forEach(n -> fallbacks.add(n.path("target").asText() + " " + n.path("fallback").asText()));
        assertTrue(fallbacks.contains("suppliers method io.selfheal.demo.Fallbacks#cachedSuppliers"), fallbacks.toString());
        assertTrue(fallbacks.contains("reservations value false"), fallbacks.toString());
        assertTrue(!types.contains("healing-failed"), events.toString());
        assertTrue(!types.contains("agent-fault"), events.toString());
        assertTrue(!types.contains("config-problem"), "a newcomer reads a config problem as a broken demo: " + events);
        assertTrue(!healed.stderr().contains("config problem"), healed.stderr());

        ChildJvm.Result printed = jar(jdk, "events", dir.resolve("target/selfheal-demo-events.jsonl").toString());
        assertEquals(0, printed.exitCode(), printed.describe());
        assertTrue(printed.stdout().lines().anyMatch(l -> l.contains("retry") && l.contains("InventoryClient.fetch")),
                printed.stdout());
    }

    /** README's first command: demo.sh (its build skipped: the reactor is built) ends with its one-line summary. */
    @Test
    void theDemoScriptEndsWithItsSummary() throws Exception {
        Path root = MarkdownPages.repoRoot();
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("demo.sh").toString()).redirectErrorStream(true);
        pb.environment().put("SELFHEAL_DEMO_SKIP_BUILD", "1");
        pb.environment().put("PATH", Jdks.all().get(0).resolve("bin") + java.io.File.pathSeparator + System.getenv("PATH"));
        Process p = pb.start();
        String out = readAll(p.getInputStream());
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        String summary = lines.get(lines.size() - 1);
        assertTrue(summary.matches("summary: orders completed \\d+ of 12 without the agent, 12 of 12 with it; healing log: "
                + "[1-9]\\d* retries, [1-9]\\d* fallback by method, [1-9]\\d* by value, circuit opened [1-9]\\d* time\\(s\\), "
                + "0 config problems"), summary);
        assertTrue(!summary.startsWith("summary: orders completed 12 of 12"), "the demo fails without the agent: " + summary);
    }

    @Test
    void validateExitsZeroForEverySampleAndOneWithEveryProblemOfABadFile() throws IOException {
        Path jdk = Jdks.all().get(0);
        try (var samples = Files.list(ChildJvm.samplesDir())) {
            for (Path sample : samples.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                ChildJvm.Result ok = jar(jdk, "validate", sample.toString());
                if (sample.getFileName().toString().equals("hot-patch.yaml")) {
                    // Its trust store is the operator's machine's (/etc/acme/...): validate opens it, and
                    // that is its one problem here.
                    assertEquals(1, ok.exitCode(), ok.describe());
                    assertTrue(ok.stderr().contains("1 problem"), ok.stderr());
                    assertTrue(ok.stderr().contains("hot-patch.truststore.path: the trust store "
                            + "/etc/acme/selfheal-truststore.p12 does not exist"), ok.stderr());
                    continue;
                }
                assertEquals(0, ok.exitCode(), ok.describe());
                assertTrue(ok.stdout().contains(": OK, "), ok.stdout());
            }
        }
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "targets:\n  - class: A\n    retry: { max-attempts: -1 }\n    fallbak: []\n");
        ChildJvm.Result r = jar(jdk, "validate", bad.toString());
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(r.stderr().contains("2 problems"), r.stderr());
        assertTrue(r.stderr().contains("bad.yaml:3:28: targets[0].retry.max-attempts: must be between 1 and 1000"), r.stderr());
        assertTrue(r.stderr().contains("bad.yaml:4:5: targets[0].fallbak: unknown key or strategy 'fallbak'; did you mean 'fallback'?"),
                r.stderr());
        assertEquals(2, jar(jdk, "validate").exitCode(), "usage error");
        assertEquals(2, jar(jdk, "no-such-command").exitCode(), "usage error");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void onlyTheNamedClassIsWoven(Path jdk) throws IOException {
        Path cfg = dir.resolve("c.yaml");
        Files.writeString(cfg, "events: { file: " + dir.resolve("e.jsonl") + " }\n"
                + "targets: [ { class: 'io.selfheal.it.apps.Fla*', retry: { max-attempts: 3, backoff: { initial: 1ms } } } ]\n");
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main("io.selfheal.it.apps.FoundationApp", "retry").run();
        assertEquals("hello ann after 3 runs", r.result("retry"), r.describe());
        List<String> woven = new ArrayList<>();
        Events.read(dir.resolve("e.jsonl")).ofType("target-woven").forEach(n -> woven.add(n.path("class").asText()));
        assertEquals(List.of("io.selfheal.it.apps.Flaky"), woven, "FoundationApp loaded too but is not named");
    }

    private static ChildJvm.Result jar(Path jdk, String... args) {
        List<String> cmd = new ArrayList<>(List.of(jdk.resolve("bin/java").toString(), "-jar", ChildJvm.agentJar().toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).start();
            var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            String err = readAll(p.getErrorStream());
            p.waitFor();
            return new ChildJvm.Result(p.exitValue(), out.join(), err, cmd);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes());
        } catch (IOException e) {
            return "";
        }
    }
}
