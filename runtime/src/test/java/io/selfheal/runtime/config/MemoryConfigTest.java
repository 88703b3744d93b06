package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.rules.Metric;
import io.selfheal.runtime.rules.PolicyAction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 25: {@code memory:} as read, and its bad entries as problems with line, column and key. */
class MemoryConfigTest {

    private static List<ConfigProblem> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "m.yaml")).problems();
    }

    @Test
    void readsTheIssuesExample() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("""
                memory:
                  reclaimers:
                    - name: price-cache
                      invoke: com.acme.PriceCache#trimToHalf
                    - name: sessions
                      clear: com.acme.Sessions#CACHE
                  when: "heap-after-gc > 0.85"
                  cooldown: 30s
                """, "m.yaml");
        MemoryConfig m = c.memory();
        assertEquals(2, m.reclaimers().size());
        assertEquals(new ReclaimerEntry("price-cache", ReclaimerEntry.Kind.INVOKE, "com.acme.PriceCache", "trimToHalf",
                m.reclaimers().get(0).location()), m.reclaimers().get(0));
        assertEquals(ReclaimerEntry.Kind.CLEAR, m.reclaimers().get(1).kind());
        assertEquals("CACHE", m.reclaimers().get(1).member());
        assertEquals(4, m.reclaimers().get(0).location().line());
        assertEquals(Metric.HEAP_AFTER_GC, m.when().get(0).metric());
        assertEquals(0.85, m.when().get(0).threshold());
        assertEquals(Duration.ofSeconds(30), m.cooldown());
        assertTrue(c.watchesMemory());
    }

    @Test
    void theDefaultsAndNothingWatchedWithoutTheBlock() throws ConfigException {
        MemoryConfig m = ConfigLoader.parse("memory: { reclaimers: [ { name: a, invoke: a.B#c } ] }\n", "m.yaml").memory();
        assertEquals("heap-after-gc > 0.9", m.when().get(0).text());
        assertEquals(MemoryConfig.DEFAULT_COOLDOWN, m.cooldown());
        AgentConfig none = ConfigLoader.parse("targets: []\n", "m.yaml");
        assertNull(none.memory());
        assertTrue(!none.watchesMemory());
    }

    @Test
    void aPolicyConditionOnGcTimeWatchesMemoryAndReclaimIsAnAction() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("""
                memory:
                  reclaimers:
                    - { name: cache, clear: a.B#MAP }
                policies:
                  rules:
                    - name: thrash
                      when: [ "gc-time > 20%" ]
                      then: [ reclaim cache, reclaim ]
                """, "m.yaml");
        assertEquals(0.2, c.policies().rules().get(0).when().get(0).threshold(), 1e-9);
        assertEquals(new PolicyAction(PolicyAction.Kind.RECLAIM, "cache"), c.policies().rules().get(0).then().get(0));
        assertEquals(new PolicyAction(PolicyAction.Kind.RECLAIM, null), c.policies().rules().get(0).then().get(1));
        AgentConfig metricsOnly = ConfigLoader.parse("""
                policies:
                  rules:
                    - { name: full, when: [ "heap-after-gc > 0.95" ], then: [ alert ] }
                """, "m.yaml");
        assertNull(metricsOnly.memory());
        assertTrue(metricsOnly.watchesMemory());
    }

    @Test
    void badReclaimerEntriesAreProblemsWithLineColumnAndKey() {
        List<ConfigProblem> p = problems("""
                memory:
                  reclaimers:
                    - name: both
                      invoke: a.B#c
                      clear: a.B#D
                    - name: neither
                    - invoke: a.B#c
                    - name: bad-ref
                      invoke: a.B.c
                    - name: bad-field
                      clear: "a.B#"
                    - name: dup
                      invoke: a.B#c
                    - name: dup
                      invoke: a.B#d
                    - name: typo
                      invokes: a.B#c
                  when: "error-rate > 0.5"
                  cooldown: soon
                """);
        assertProblem(p, 3, "memory.reclaimers[0]", "exactly one of: invoke");
        assertProblem(p, 6, "memory.reclaimers[1]", "exactly one of: invoke");
        assertProblem(p, 7, "memory.reclaimers[2].name", "is required");
        assertProblem(p, 9, "memory.reclaimers[3].invoke", "is not Class#method");
        assertProblem(p, 11, "memory.reclaimers[4].clear", "is not Class#FIELD");
        assertProblem(p, 14, "memory.reclaimers[6].name", "used twice (first at line 13)");
        assertProblem(p, 17, "memory.reclaimers[7].invokes", "did you mean 'invoke'");
        assertProblem(p, 18, "memory.when", "belongs to a target");
        assertProblem(p, 19, "memory.cooldown", "not a duration");
        for (ConfigProblem one : p) {
            assertTrue(one.column() > 0, one.toString());
        }
    }

    @Test
    void aReclaimActionNeedsTheBlockAndAKnownName() {
        assertProblem(problems("""
                policies:
                  rules:
                    - { name: r, when: [ "heap-after-gc > 0.9" ], then: [ reclaim ] }
                """), 3, "policies.rules[0].then", "needs a top-level 'memory:'");
        assertProblem(problems("""
                memory: { reclaimers: [ { name: a, invoke: a.B#c } ] }
                policies:
                  rules:
                    - { name: r, when: [ "heap-after-gc > 0.9" ], then: [ reclaim b ] }
                """), 4, "policies.rules[0].then", "names no reclaimer");
    }

    private static void assertProblem(List<ConfigProblem> problems, int line, String key, String text) {
        for (ConfigProblem p : problems) {
            if (p.line() == line && p.key() != null && p.key().startsWith(key) && p.message().contains(text)) {
                return;
            }
        }
        throw new AssertionError("no problem at line " + line + " for " + key + " saying '" + text + "' in "
                + problems);
    }
}
