package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import io.selfheal.runtime.config.ProbationConfig;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HotPatchConfigTest {

    private static List<String> problems(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "t.yaml"));
        return e.problems().stream().map(ConfigProblem::toString).collect(Collectors.toList());
    }

    @Test
    void withoutTheBlockSignaturesAreRequiredAndNothingIsWatched() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("targets: []\n", "t.yaml");
        assertEquals(HotPatchConfig.DEFAULT, c.hotPatch());
        assertTrue(c.hotPatch().requireSignature());
        assertNull(c.hotPatch().directory());
        assertEquals(".selfheal/", c.stateDirOrDefault());
    }

    @Test
    void everyKeyIsRead() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("""
                state-dir: /var/lib/app/selfheal
                hot-patch:
                  directory: patches/
                  truststore: { path: trust.p12, password-env: TRUST_PASS }
                  reapply-on-restart: true
                  max-jar-mb: 4
                  max-jar-entries: 50
                targets:
                  - class: com.acme.Prices
                    hot-patch: { jar: staged/fix.jar, on: [ java.lang.ArithmeticException ] }
                """, "t.yaml");
        assertEquals(new HotPatchConfig("patches/", true,
                new HotPatchConfig.TruststoreConfig("trust.p12", "TRUST_PASS"), true, 4, 50), c.hotPatch());
        assertEquals("/var/lib/app/selfheal", c.stateDir());
        HotPatchStrategyConfig strategy = c.targets().get(0).hotPatch();
        assertEquals("staged/fix.jar", strategy.jar());
        assertTrue(strategy.filter().matches(new ArithmeticException()));
        assertFalse(strategy.filter().matches(new IllegalStateException()));
    }

    @Test
    void problemsAreReportedWithTheirPlace() {
        List<String> p = problems("""
                hot-patch:
                  directroy: patches/
                  require-signature: maybe
                targets:
                  - class: com.acme.Prices
                    hot-patch: { on: [ java.lang.ArithmeticException ] }
                """);
        assertTrue(p.contains("t.yaml:2:3: hot-patch.directroy: unknown key 'directroy'; did you mean 'directory'?"
                + " (known: directory, max-jar-entries, max-jar-mb, probation, reapply-on-restart, require-signature,"
                + " truststore)"),
                p.toString());
        assertTrue(p.contains("t.yaml:3:22: hot-patch.require-signature: expected true or false, found 'maybe'"),
                p.toString());
        assertTrue(p.stream().anyMatch(s -> s.endsWith("targets[0].hot-patch.jar: is required")), p.toString());
    }

    @Test
    void aWatchedDirectoryNeedsATrustStoreUnlessSignaturesAreTurnedOff() throws ConfigException {
        List<String> p = problems("hot-patch: { directory: patches/ }\ntargets: []\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("hot-patch.truststore: require-signature is true (the default)"), p.get(0));
        AgentConfig off = ConfigLoader.parse("hot-patch: { directory: patches/, require-signature: false }\n", "t.yaml");
        assertFalse(off.hotPatch().requireSignature());
    }

    @Test
    void aDefaultProbationIsReadAndABadOneNamedWithItsPlace() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("""
                hot-patch:
                  require-signature: false
                  probation:
                    for: 5m
                    targets: [ quotes, pricing ]
                    rollback-if: "error-rate > before * 1.5 or latency-p99 > before * 2"
                    min-calls: 50
                targets: []
                """, "t.yaml");
        ProbationConfig p = c.hotPatch().probation();
        assertEquals(java.time.Duration.ofMinutes(5), p.period());
        assertEquals(List.of("quotes", "pricing"), p.targets());
        assertEquals("error-rate > before * 1.5 or latency-p99 > before * 2", p.rollbackIf().text());
        assertEquals(50, p.minCalls());
        assertEquals(p.describe(), ProbationConfig.parse(p.toYaml(), "again").describe());

        List<String> bad = problems("""
                hot-patch:
                  require-signature: false
                  probation: { rollback-if: "error-rate > before * 1.5 or latncy-p99 > before", min-calls: -1 }
                targets: []
                """);
        assertTrue(bad.stream().anyMatch(s -> s.startsWith("t.yaml:3:14: hot-patch.probation.for: is required")),
                bad.toString());
        assertTrue(bad.stream().anyMatch(s -> s.contains("hot-patch.probation.rollback-if: unknown metric 'latncy-p99' in 'error-rate > before * 1.5 or"
                        + " latncy-p99 > before'")
                && s.contains("(at character 30)")), bad.toString());
        assertTrue(bad.stream().anyMatch(s -> s.contains("hot-patch.probation.min-calls")), bad.toString());
    }
}
