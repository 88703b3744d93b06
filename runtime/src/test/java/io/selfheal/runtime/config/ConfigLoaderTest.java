package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static final String ISSUE_SHAPE = """
            events:
              file: selfheal-events.jsonl      # JSON lines; "-" means stderr
            defaults:
              retry: { max-attempts: 3, backoff: { initial: 100ms, max: 10s, multiplier: 2.0, jitter: 0.5 } }
            targets:
              - name: inventory
                class: com.acme.InventoryClient          # exact, or a glob: com.acme.**.*Client
                methods: [ "fetch*", "reserve(java.lang.String,int)" ]
                retry: { max-attempts: 5, on: [ java.io.IOException ], ignore: [ java.io.FileNotFoundException ] }
                fallback:
                  - method: com.acme.Fallbacks#cachedInventory   # static; same parameters, optionally + Throwable
                  - value: []                                    # YAML literal converted to the return type
                  - empty: true                                  # null / 0 / false / empty collection / Optional.empty()
            """;

    @Test
    void theShapeFromTheIssueLoadsWithDefaultsLaidUnderTheTarget() throws ConfigException {
        AgentConfig c = ConfigLoader.parse(ISSUE_SHAPE, "selfheal.yaml");
        assertEquals("selfheal-events.jsonl", c.events().file());
        TargetConfig t = c.target("inventory");
        assertEquals(5, t.retry().maxAttempts(), "the target's own key wins");
        assertEquals(Duration.ofMillis(100), t.retry().backoff().initial(), "the default fills the rest");
        assertEquals(0.5, t.retry().backoff().jitter());
        assertEquals(List.of("java.io.IOException"), t.retry().filter().on());
        assertEquals(3, t.fallback().size());
        assertTrue(t.fallback().get(0) instanceof FallbackEntry.MethodFallback m
                && m.className().equals("com.acme.Fallbacks") && m.methodName().equals("cachedInventory"));
        assertEquals(List.of(), ((FallbackEntry.ValueFallback) t.fallback().get(1)).value());
        assertTrue(t.fallback().get(2) instanceof FallbackEntry.EmptyFallback);
        assertTrue(t.selects("fetchStock", "(Ljava/lang/String;)I"));
        assertTrue(t.selects("reserve", "(Ljava/lang/String;I)Z"));
        assertTrue(!t.selects("reserve", "(Ljava/lang/String;J)Z"));
    }

    @Test
    void everyProblemIsReportedAtOnceWithLineColumnAndKey() {
        String bad = """
                events: { file: 3x, colour: red }
                targets:
                  - name: a
                    class: com.acme.A
                    retry: { max-attempts: many, backoff: { initial: 10 } }
                    circuit-braker: {}
                  - name: a
                    methods: [ "ok", "bad name(" ]
                    fallback:
                      - method: NoHash
                      - value: 1
                        empty: true
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(bad, "f.yaml"));
        List<String> lines = e.problems().stream().map(ConfigProblem::toString).toList();
        String all = String.join("\n", lines);
        assertTrue(all.contains("f.yaml:1:21: events.colour: unknown key 'colour'"), all);
        assertTrue(all.contains("f.yaml:5:28: targets[0].retry.max-attempts: expected a whole number, found 'many'"), all);
        assertTrue(all.contains("f.yaml:5:54: targets[0].retry.backoff.initial: '10' is not a duration"), all);
        assertTrue(all.contains("f.yaml:6:5: targets[0].circuit-braker: unknown key or strategy 'circuit-braker'"), all);
        assertTrue(all.contains("targets[1].class: is required"), all);
        assertTrue(all.contains("target name 'a' is used twice (first at line 3)"), all);
        assertTrue(all.contains("'bad name(' has no closing parenthesis"), all);
        assertTrue(all.contains("(known: candidates, class, exploration, fallback, level, methods, name, prediction, remember, "
                + "retry, strategy)"), all);
        assertTrue(!all.contains("unknown fallback key"), all);
        assertTrue(all.contains("'NoHash' is not Class#method"), all);
        assertTrue(all.contains("a fallback entry has exactly one of: method, value, empty"), all);
        assertTrue(e.problems().size() >= 9, all);
        assertTrue(e.problems().stream().allMatch(p -> p.line() > 0 && p.column() > 0), all);
    }

    @Test
    void badYamlIsOneProblemWithItsPlace() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("targets:\n  - class: [unclosed\n", "f.yaml"));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).message().startsWith("not valid YAML"), e.getMessage());
        assertTrue(e.problems().get(0).line() >= 2, e.getMessage());
    }

    @Test
    void aProblemInDefaultsIsReportedOnceAtItsOwnLine() {
        String text = """
                defaults:
                  retry: { max-atempts: 3 }
                targets:
                  - class: A
                  - class: B
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(text, "f.yaml"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals(2, e.problems().get(0).line());
        assertTrue(e.getMessage().contains("did you mean 'max-attempts'"), e.getMessage());
    }

    @Test
    void onConfigErrorFailIsReadEvenFromABrokenFile() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("cfg", ".yaml");
        java.nio.file.Files.writeString(f, "on-config-error: fail\ntargets: [ { nope: 1 } ]\n");
        assertEquals(OnConfigError.FAIL, ConfigLoader.onConfigErrorOf(f));
        java.nio.file.Files.writeString(f, "targets: [ { nope: 1 } ]\n");
        assertEquals(OnConfigError.DISABLE, ConfigLoader.onConfigErrorOf(f));
    }

    @Test
    void anEmptyFileHasNoTargets() throws ConfigException {
        assertEquals(0, ConfigLoader.parse("", "f").targets().size());
        assertNull(ConfigLoader.parse("", "f").target("x"));
    }
}
