package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.it.support.AgentCli;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import io.selfheal.it.support.Jdks;
import io.selfheal.it.support.PatchJars;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18: what a new user tripped over. The uptime {@code status} shows, a second
 * {@code attach}, the JVM's warning about an attached agent on Java 21+, the trust store checked
 * where the config is read, the password variable's message, HTTP clients' failures classified,
 * and targets chosen by {@code exclude:}, {@code implements:}, {@code extends:} and
 * {@code annotated:}. One child JVM serves several assertions where it can.
 */
class NewUserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPS_APP = "io.selfheal.it.apps.OpsApp";
    private static final String SELECTORS_APP = "io.selfheal.it.apps.newuser.SelectorsApp";
    private static final String PKG = "io.selfheal.it.apps.newuser.";
    private static final String JVM_WARNING = "WARNING: A Java agent has been loaded dynamically";

    @TempDir
    Path dir;

    private static int feature(Path jdk) {
        String label = Jdks.label(jdk);
        int dot = label.indexOf('.');
        return Integer.parseInt(dot < 0 ? label : label.substring(0, dot));
    }

    /** The command line in a child JVM of {@code jdk}, with {@code env} added to its environment. */
    private static ChildJvm.Result cli(Path jdk, Map<String, String> env, String... args) {
        ChildJvm c = ChildJvm.on(jdk).classPath(ChildJvm.agentJar()).main("io.selfheal.agent.AgentMain", args);
        env.forEach(c::env);
        return c.run();
    }

    private static void awaitErr(ChildJvm.Running app, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!app.errorsSoFar().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the app never printed '" + text + "' on stderr:\n" + app.errorsSoFar());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void quit(ChildJvm.Running app) {
        app.send("quit");
        app.await(Duration.ofSeconds(30));
    }

    // ---- 1, 2, 3 (and 8's start line): attach, attach again, status ----

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void attachSaysWhatTheJvmPrintsASecondAttachIsRefusedAndStatusCountsUptimeFromTheStart(Path jdk)
            throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path cfg = dir.resolve("selfheal.yaml");
        Files.writeString(cfg, "events: { file: " + events + " }\ntargets:\n"
                + "  - { name: svc, class: io.selfheal.it.apps.OpsService, fallback: [ { value: fb } ] }\n");
        ChildJvm.Running app = ChildJvm.on(jdk).main(OPS_APP).start();
        try {
            app.awaitOutput("READY ", Duration.ofSeconds(60));
            String pid = String.valueOf(app.pid());

            long beforeAttach = System.currentTimeMillis();
            AgentCli.Outcome first = AgentCli.run(jdk, "attach", pid, cfg.toString());
            long attached = System.currentTimeMillis();
            assertEquals(0, first.exit(), first.toString());
            assertTrue(first.out().contains("selfheal agent loaded into JVM " + pid), first.toString());
            awaitErr(app, "[selfheal] agent ");
            assertTrue(app.errorsSoFar().contains("started: 1 target from "), app.errorsSoFar());
            if (feature(jdk) >= 21) {
                // 3: the JVM's own warning, and attach's note saying what it is and what to do instead
                awaitErr(app, JVM_WARNING);
                assertTrue(first.out().contains(JVM_WARNING), first.toString());
                assertTrue(first.out().contains("JEP 451"), first.toString());
                assertTrue(first.out().contains("-javaagent:selfheal-agent.jar=config=" + cfg.toAbsolutePath()),
                        first.toString());
                assertTrue(first.out().contains("-XX:+EnableDynamicAgentLoading"), first.toString());
            } else {
                assertFalse(first.out().contains("EnableDynamicAgentLoading"), first.toString());
                assertFalse(app.errorsSoFar().contains(JVM_WARNING), app.errorsSoFar());
            }

            // 2: a second attach loads nothing, says so, and points at reloadConfig
            AgentCli.Outcome second = AgentCli.run(jdk, "attach", pid, cfg.toString());
            assertEquals(1, second.exit(), second.toString());
            assertFalse(second.out().contains("loaded into JVM"), second.toString());
            assertTrue(second.err().contains("already loaded in JVM " + pid), second.toString());
            assertTrue(second.err().contains(cfg.toAbsolutePath().toString()), second.toString());
            assertTrue(second.err().contains("reloadConfig"), second.toString());

            // 1: uptime from the agent's start, not from the MBean's making at this first JMX use
            long statusStart = System.currentTimeMillis();
            AgentCli.Outcome status = AgentCli.run(jdk, "status", pid, "--json");
            long statusEnd = System.currentTimeMillis();
            assertEquals(0, status.exit(), status.toString());
            long uptime = JSON.readTree(status.out()).path("uptimeMillis").asLong(-1);
            assertTrue(uptime >= statusStart - attached, "uptime " + uptime + " ms, but the agent was attached "
                    + (statusStart - attached) + " ms before status began");
            assertTrue(uptime <= statusEnd - beforeAttach, "uptime " + uptime + " ms, longer than since the attach began");
            assertEquals(1, count(app.errorsSoFar(), "[selfheal] agent "), "one start only: " + app.errorsSoFar());
            assertEquals(1, Events.read(events).ofType("agent-started").size(), Events.read(events).toString());
        } finally {
            quit(app);
        }
        if (feature(jdk) >= 21) {
            // started to be attached to: no warning, and attach has nothing to explain
            ChildJvm.Running allowed = ChildJvm.on(jdk).jvmArg("-XX:+EnableDynamicAgentLoading").main(OPS_APP).start();
            try {
                allowed.awaitOutput("READY ", Duration.ofSeconds(60));
                AgentCli.Outcome attach = AgentCli.run(jdk, "attach", String.valueOf(allowed.pid()), cfg.toString());
                assertEquals(0, attach.exit(), attach.toString());
                assertFalse(attach.out().contains("EnableDynamicAgentLoading"), attach.toString());
                awaitErr(allowed, "[selfheal] agent ");
                assertFalse(allowed.errorsSoFar().contains(JVM_WARNING), allowed.errorsSoFar());
            } finally {
                quit(allowed);
            }
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    // ---- 4 and 5: the trust store, where the config is read ----

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void trustStoreProblemsAreConfigProblemsAtValidateAndAtStartNamingWhoseEnvironment(Path jdk) throws Exception {
        Path keys = Files.createDirectory(dir.resolve("keys"));
        Path good = PatchJars.trustStore(keys, "trustpass", PatchJars.signer(keys, "ops"));
        Path empty = emptyTrustStore(keys.resolve("empty.p12"), "trustpass");
        Map<String, String> withPassword = Map.of("NU_TRUST_PW", "trustpass");

        assertEquals(0, cli(jdk, withPassword, "validate", trustConfig("ok", good, "NU_TRUST_PW").toString())
                .exitCode());
        Map<String, String[]> expected = new LinkedHashMap<>();
        expected.put("missing", new String[] {"9:11: hot-patch.truststore.path: the trust store "
                + dir.resolve("nowhere.p12") + " does not exist"});
        expected.put("unset", new String[] {"10:19: hot-patch.truststore.password-env: the trust store's password"
                + " variable NU_TRUST_PW_UNSET is not set in the environment of this process (pid ",
            "the agent reads it from the application's environment"});
        expected.put("wrong", new String[] {"9:11: hot-patch.truststore.path: cannot open the trust store " + good});
        expected.put("empty", new String[] {"9:11: hot-patch.truststore.path: the trust store " + empty
                + " holds no certificate"});
        Map<String, Path> configs = Map.of(
                "missing", trustConfig("missing", dir.resolve("nowhere.p12"), "NU_TRUST_PW"),
                "unset", trustConfig("unset", good, "NU_TRUST_PW_UNSET"),
                "wrong", trustConfig("wrong", good, "NU_TRUST_WRONG"),
                "empty", trustConfig("empty", empty, "NU_TRUST_PW"));
        Map<String, String> env = Map.of("NU_TRUST_PW", "trustpass", "NU_TRUST_WRONG", "not-the-password");
        for (Map.Entry<String, String[]> e : expected.entrySet()) {
            ChildJvm.Result r = cli(jdk, env, "validate", configs.get(e.getKey()).toString());
            assertEquals(1, r.exitCode(), e.getKey() + ": " + r.describe());
            for (String part : e.getValue()) {
                assertTrue(r.stderr().contains(part), e.getKey() + " should say '" + part + "':\n" + r.stderr());
            }
        }

        // At start, in the application's JVM: reported with line and key, the agent stays off, and
        // the password message names the application's pid.
        ChildJvm.Running started = ChildJvm.on(jdk).agent(configs.get("unset")).main(SELECTORS_APP).start();
        ChildJvm.Result atStart = started.await(Duration.ofSeconds(60));
        assertTrue(atStart.stderr().contains("10:19: hot-patch.truststore.password-env: the trust store's password"
                + " variable NU_TRUST_PW_UNSET is not set in the environment of this process (pid " + started.pid()
                + "); the agent reads it from the application's environment"), atStart.describe());
        assertTrue(atStart.stderr().contains("the agent is disabled"), atStart.describe());
        assertEquals("threw java.lang.IllegalStateException", atStart.result("card"), "unwoven: " + atStart.describe());
        ChildJvm.Result missingAtStart = ChildJvm.on(jdk).agent(configs.get("missing")).main(SELECTORS_APP).run();
        assertTrue(missingAtStart.stderr().contains(expected.get("missing")[0]), missingAtStart.describe());
        assertTrue(missingAtStart.stderr().contains("the agent is disabled"), missingAtStart.describe());

        // 5: a patch from the command line needs the trust store too, and the rejection says so
        Path events = dir.resolve("patch-events.jsonl");
        Path noStore = dir.resolve("no-store.yaml");
        Files.writeString(noStore, "events: { file: " + events + " }\nhot-patch: { max-jar-mb: 4 }\ntargets:\n"
                + "  - { name: svc, class: io.selfheal.it.apps.OpsService, fallback: [ { value: fb } ] }\n");
        ChildJvm.Running app = ChildJvm.on(jdk).agent(noStore).main(OPS_APP).start();
        try {
            app.awaitOutput("READY ", Duration.ofSeconds(60));
            AgentCli.Outcome patch = AgentCli.run(jdk, "patch", String.valueOf(app.pid()), someJar().toString());
            assertEquals(1, patch.exit(), patch.toString());
            assertTrue(patch.err().contains("patch rejected: require-signature is on (the default) but the config has"
                    + " no hot-patch.truststore: every patch, from the command line and JMX as from the watched"
                    + " directory, needs one"), patch.toString());
        } finally {
            quit(app);
        }
    }

    /** A config whose hot-patch block (lines 7 to 10) names {@code store} and {@code passwordEnv}. */
    private Path trustConfig(String name, Path store, String passwordEnv) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, String.join("\n",
                "events: { file: " + dir.resolve(name + ".jsonl") + " }",
                "targets:",
                "  - name: cards",
                "    class: " + PKG + "CardGateway",
                "    fallback: [ { value: fb } ]",
                "",
                "hot-patch:",
                "  truststore:",
                "    path: " + store,
                "    password-env: " + passwordEnv,
                ""));
        return file;
    }

    private static Path emptyTrustStore(Path file, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }

    private Path someJar() throws IOException {
        Path jar = dir.resolve("fix.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("io/selfheal/it/apps/OpsService.class"));
            out.write(Files.readAllBytes(ChildJvm.appsClasses().resolve("io/selfheal/it/apps/OpsService.class")));
            out.closeEntry();
        }
        return jar;
    }

    // ---- 6 and 7: HTTP failures classified; exclude, implements, extends, annotated ----

    private static final String[][] HTTP_FAILURES = {
        {"org.springframework.web.client.HttpServerErrorException$ServiceUnavailable", "network"},
        {"org.springframework.web.client.HttpServerErrorException$GatewayTimeout", "timeout"},
        {"org.springframework.web.client.ResourceAccessException", "network"},
        {"org.springframework.web.client.ResourceAccessException>java.net.SocketTimeoutException", "timeout"},
        {"java.net.http.HttpTimeoutException", "timeout"},
        {"java.net.http.HttpConnectTimeoutException", "timeout"},
        {"okhttp3.internal.http2.StreamResetException", "network"},
        {"org.apache.hc.client5.http.ConnectTimeoutException", "timeout"},
        {"org.apache.http.NoHttpResponseException", "network"},
    };

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void targetsChooseClassesBySupertypeAndMethodsByAnnotationAndHttpFailuresAreClassified(Path jdk)
            throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path classLog = dir.resolve("classes.log");
        Path cfg = dir.resolve("selectors.yaml");
        Files.writeString(cfg, "events: { file: " + events + " }\n" + """
                targets:
                  - name: gateways
                    implements: %1$sPaymentGateway
                    exclude: [ "**$$SpringCGLIB$$*" ]
                    methods: [ pay ]
                    fallback: [ { value: fb } ]
                  - name: clients
                    class: %1$s*
                    extends: %1$sBaseClient
                    fallback: [ { value: fb } ]
                  - name: resilient
                    class: io.selfheal.it.apps.**
                    annotated: %1$sResilient
                    fallback: [ { value: fb } ]
                  - name: traced
                    class: %1$sEndpoints
                    annotated: %1$sTraced
                    fallback: [ { value: fb } ]
                  - name: http
                    class: %1$sHttpCalls
                    methods: [ call ]
                    fallback: [ { value: fb } ]
                  - name: http-wrapped
                    class: %1$sHttpCalls
                    methods: [ callWrapped ]
                    fallback: [ { value: fb } ]
                  - name: misspelled
                    class: %1$sCard*
                    implements: %1$sPaymentGatewy
                    latency: true
                  - name: wrong-kind
                    class: %1$sOrders*
                    implements: %1$sBaseClient
                    latency: true
                  - name: extends-interface
                    class: %1$sWallet*
                    extends: %1$sPaymentGateway
                    latency: true
                  - name: source-only
                    class: %1$sEndpoints
                    annotated: %1$sSourceOnly
                    latency: true
                  - name: not-an-annotation
                    class: %1$sEndpoints
                    annotated: %1$sMarker
                    latency: true
                """.formatted(PKG));

        ChildJvm.Result valid = cli(jdk, Map.of(), "validate", cfg.toString());
        assertEquals(0, valid.exitCode(), valid.describe());
        assertTrue(valid.stdout().contains(": OK, 11 targets"), valid.describe());
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, String.join("\n",
                "targets:",
                "  - name: a",
                "    implements: \"com.acme.*Gateway\"",
                "    fallback: [ { empty: true } ]",
                "  - name: b",
                "    class: com.acme.X",
                "    exclude: [ \"com.acme.ok.*\", \"not a glob!\" ]",
                "    annotated: \"@Resilient\"",
                "    fallback: [ { empty: true } ]",
                "  - name: c",
                "    methods: [ pay ]",
                "    fallback: [ { empty: true } ]",
                "  - name: d",
                "    extends: com..Base",
                "    fallback: [ { empty: true } ]",
                ""));
        ChildJvm.Result invalid = cli(jdk, Map.of(), "validate", bad.toString());
        assertEquals(1, invalid.exitCode(), invalid.describe());
        for (String expected : List.of(
                "bad.yaml:3:17: targets[0].implements: 'com.acme.*Gateway' is not a full class name",
                "bad.yaml:7:33: targets[1].exclude: 'not a glob!' is not a class name or a glob",
                "bad.yaml:8:16: targets[1].annotated: '@Resilient' is not a full class name",
                "bad.yaml:10:5: targets[2].class: is required (or implements: / extends:",
                "bad.yaml:14:14: targets[3].extends: 'com..Base' is not a full class name",
                "5 problems")) {
            assertTrue(invalid.stderr().contains(expected), "expected '" + expected + "' in:\n" + invalid.stderr());
        }

        List<String> args = new ArrayList<>();
        for (String[] failure : HTTP_FAILURES) {
            args.add(failure[0]);
        }
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).jvmArg("-Xlog:class+load=info:file=" + classLog)
                .main(SELECTORS_APP, args.toArray(new String[0])).run();
        assertEquals(0, r.exitCode(), r.describe());

        // healed where chosen, through the abstract class, the late class and the proxy's super call
        assertEquals("fb", r.result("card"), r.describe());
        assertEquals("fb", r.result("proxy"), r.describe());
        assertEquals("fb", r.result("wallet"), r.describe());
        assertEquals("orders fb", r.result("orders"), r.describe());
        assertEquals("fb", r.result("resilient"), r.describe());
        assertEquals("fb", r.result("traced"), r.describe());
        assertEquals("threw java.lang.IllegalStateException", r.result("unrelated"), r.describe());
        assertEquals("threw java.lang.IllegalStateException", r.result("plain"), r.describe());

        Events log = Events.read(events);
        Map<String, List<String>> woven = new LinkedHashMap<>();
        for (JsonNode e : log.ofType("target-woven")) {
            List<String> methods = new ArrayList<>();
            e.path("methods").forEach(m -> methods.add(m.asText()));
            woven.put(e.path("class").asText(), methods);
        }
        assertEquals(List.of("pay(I)Ljava/lang/String;"), woven.get(PKG + "CardGateway"), woven.toString());
        assertEquals(List.of("pay(I)Ljava/lang/String;"), woven.get(PKG + "WalletGateway"), woven.toString());
        assertEquals(List.of("fetch(I)Ljava/lang/String;"), woven.get(PKG + "BaseClient"), woven.toString());
        assertEquals(List.of("orders(I)Ljava/lang/String;"), woven.get(PKG + "OrdersClient"), woven.toString());
        assertEquals(List.of("resilient()Ljava/lang/String;", "traced()Ljava/lang/String;"),
                woven.get(PKG + "Endpoints"), woven.toString());
        for (String never : List.of("CardGateway$$SpringCGLIB$$0", "Unrelated", "AbstractGateway", "PaymentGateway",
                "Marker", "SelectorsApp")) {
            assertFalse(woven.containsKey(PKG + never), never + " was woven: " + woven);
        }

        // checked at weave time, with the key and its line
        Map<String, String> problems = new LinkedHashMap<>();
        for (JsonNode e : log.ofType("config-problem")) {
            if (e.has("line") && !e.path("key").asText().equals("class")) {
                problems.put(e.path("target").asText(), e.path("key").asText() + " " + e.path("line").asInt() + ": "
                        + e.path("message").asText());
            }
        }
        assertProblem(problems, "misspelled", "implements 30: interface " + PKG + "PaymentGatewy is not found by the"
                + " class loader of " + PKG + "CardGateway");
        assertProblem(problems, "wrong-kind", "implements 34: " + PKG + "BaseClient is a class, not an interface");
        assertProblem(problems, "extends-interface", "extends 38: " + PKG + "PaymentGateway is an interface, not a class");
        assertProblem(problems, "source-only", "annotated 42: " + PKG + "SourceOnly has @Retention(SOURCE)");
        assertProblem(problems, "not-an-annotation", "annotated 46: " + PKG + "Marker is not an annotation type");

        // found without loading the interface before the application did
        List<String> loads = Files.readAllLines(classLog);
        int marker = indexOf(loads, PKG + "Marker ");
        int gateway = indexOf(loads, PKG + "PaymentGateway ");
        assertTrue(marker >= 0 && gateway > marker, "PaymentGateway was loaded at line " + gateway
                + " of the class-load log, before the application's first use after line " + marker);

        // 6: HTTP clients' failures by name
        for (String[] failure : HTTP_FAILURES) {
            String outer = failure[0].contains(">") ? failure[0].substring(0, failure[0].indexOf('>')) : failure[0];
            String target = failure[0].contains(">") ? "http-wrapped" : "http";
            assertEquals("fb", r.result("http " + failure[0]), r.describe());
            JsonNode detected = log.ofType("error-detected").stream()
                    .filter(e -> e.path("target").asText().equals(target) && e.path("exception").asText().equals(outer))
                    .findFirst().orElseThrow(() -> new AssertionError("no error-detected for " + failure[0] + ":\n" + log));
            assertEquals(failure[1], detected.path("category").asText(), failure[0] + ": " + detected);
        }
    }

    private static void assertProblem(Map<String, String> problems, String target, String start) {
        String p = problems.get(target);
        assertTrue(p != null && p.startsWith(start), "target '" + target + "': expected '" + start + "...', found '" + p
                + "' among " + problems);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
