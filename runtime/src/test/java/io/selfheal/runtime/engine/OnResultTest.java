package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.bootstrap.Retry;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.OnResultConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code retry.on-result}: what a bad value is, how it reads, and the engine's answer to one. */
class OnResultTest {

    @Test
    void theConfigReadsNullEmptyEqualsAndMethodAndRejectsBadValues() throws Exception {
        AgentConfig c = ConfigLoader.parse("""
                targets:
                  - class: A
                    retry:
                      on-result: { null: true, empty: true, equals: [ -1, "", ~ ], method: com.acme.Checks#isTransient }
                    fallback-on-result: true
                """, "t.yaml");
        OnResultConfig r = c.targets().get(0).retry().onResult();
        assertTrue(r.isNull() && r.isEmpty());
        assertEquals(List.of(-1L, "", OnResultConfig.NullLiteral.NULL), r.equalsValues());
        assertEquals("com.acme.Checks", r.methodClass());
        assertEquals("isTransient", r.methodName());
        assertTrue(c.targets().get(0).fallbackOnResult());

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                targets:
                  - class: A
                    retry: { on-result: { method: isTransient, equals: [ [ 1 ] ], nul: true } }
                    fallback-on-result: maybe
                  - class: B
                    retry: { on-result: {} }
                """, "t.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("retry.on-result.method") && m.contains("is not Class#method"), m);
        assertTrue(m.contains("retry.on-result.equals") && m.contains("expected a plain value"), m);
        assertTrue(m.contains("nul"), m);
        assertTrue(m.contains("fallback-on-result"), m);
        assertTrue(m.contains("on-result needs null: true, empty: true, equals or method"), m);
    }

    @Test
    void emptyMeansAnEmptyCollectionMapArrayOptionalOrString() {
        assertTrue(ResultCheck.isEmpty(List.of()));
        assertTrue(ResultCheck.isEmpty(Map.of()));
        assertTrue(ResultCheck.isEmpty(new int[0]));
        assertTrue(ResultCheck.isEmpty(new String[0]));
        assertTrue(ResultCheck.isEmpty(Optional.empty()));
        assertTrue(ResultCheck.isEmpty(""));
        assertTrue(ResultCheck.isEmpty(new StringBuilder()));
        assertFalse(ResultCheck.isEmpty(List.of(1)));
        assertFalse(ResultCheck.isEmpty(new int[1]));
        assertFalse(ResultCheck.isEmpty(Optional.of(1)));
        assertFalse(ResultCheck.isEmpty(" "));
        assertFalse(ResultCheck.isEmpty(0));
    }

    @Test
    void equalsComparesNumbersByValueEnumsByNameAndCharactersAsText() {
        assertTrue(ResultCheck.same(-1L, -1));
        assertTrue(ResultCheck.same(-1L, (short) -1));
        assertTrue(ResultCheck.same(-1L, -1L));
        assertTrue(ResultCheck.same(0.5, 0.5f));
        assertFalse(ResultCheck.same(-1L, 1));
        assertFalse(ResultCheck.same(1L, 1.5));
        assertTrue(ResultCheck.same("SECONDS", TimeUnit.SECONDS));
        assertTrue(ResultCheck.same("x", 'x'));
        assertTrue(ResultCheck.same("", ""));
        assertTrue(ResultCheck.same(true, Boolean.TRUE));
        assertFalse(ResultCheck.same("-1", -1));
        assertTrue(ResultCheck.same(OnResultConfig.NullLiteral.NULL, null));
        assertFalse(ResultCheck.same(-1L, null));
    }

    @Test
    void aValueReadsShortWithoutRunningTheApplicationsToString() {
        assertEquals("null", ResultCheck.render(null));
        assertEquals("\"503\"", ResultCheck.render("503"));
        assertEquals("-1", ResultCheck.render(-1));
        assertEquals("TimeUnit.SECONDS", ResultCheck.render(TimeUnit.SECONDS));
        assertEquals("java.util.ArrayList (empty)", ResultCheck.render(new java.util.ArrayList<>()));
        assertEquals("int[3]", ResultCheck.render(new int[3]));
        assertEquals("Optional.empty", ResultCheck.render(Optional.empty()));
        Object own = new Object() {
            @Override
            public String toString() {
                throw new AssertionError("the application's toString ran");
            }
        };
        assertEquals(own.getClass().getName(), ResultCheck.render(own));
        assertEquals(120, ResultCheck.render("x".repeat(500)).length());
    }

    @Test
    void aFaultWhileAValueIsCheckedReturnsTheValueAsItWasAndIsReported() {
        java.util.List<String> faults = new java.util.ArrayList<>();
        io.selfheal.bootstrap.Healing.install(new io.selfheal.bootstrap.HealingHandler() {
            @Override
            public Object enter(int site, Object self) {
                return null;
            }

            @Override
            public Object shortCircuit(int site, Object self, Object[] arguments) {
                return io.selfheal.bootstrap.Healing.PROCEED;
            }

            @Override
            public void success(int site, Object token) {
            }

            @Override
            public Object returned(int site, Object token, Object value, Object self, Object[] arguments) {
                throw new IllegalStateException("agent bug");
            }

            @Override
            public Object failure(int site, Object token, Object self, Throwable thrown, Object[] arguments) {
                return io.selfheal.bootstrap.Healing.RETHROW;
            }

            @Override
            public void fault(String where, Throwable fault) {
                faults.add(where + ": " + fault.getMessage());
            }
        });
        try {
            assertEquals("value", io.selfheal.bootstrap.Healing.returned(0, null, "value", null, null));
            assertEquals(List.of("returned: agent bug"), faults);
        } finally {
            io.selfheal.bootstrap.Healing.install(null);
        }
    }

    @Test
    void theEngineRetriesABadValueThenReturnsItOrTheFallbackAndCounts() throws Throwable {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: kept
                    class: A
                    retry: { max-attempts: 3, backoff: { initial: 10ms, jitter: 0 }, on-result: { null: true } }
                    fallback:
                      - value: "n/a"
                  - name: answered
                    class: B
                    retry: { max-attempts: 2, backoff: { initial: 10ms, jitter: 0 }, on-result: { equals: "" } }
                    fallback-on-result: true
                    fallback:
                      - value: "n/a"
                """);
        int kept = h.site("kept");
        h.engine.enableResultCheck(kept, true);
        Object token = h.engine.enter(kept, null);
        Object decision = h.engine.returned(kept, token, null, null, null);
        assertTrue(decision instanceof Retry, "a null is a failed attempt: run again");
        decision = h.engine.returned(kept, decision, null, null, null);
        assertTrue(decision instanceof Retry);
        assertEquals(null, h.engine.returned(kept, decision, null, null, null), "attempts spent: the last value");
        assertEquals(List.of(10L, 20L), h.clock.sleeps);
        assertEquals(2, h.target("kept").stats().retries.sum());
        assertEquals(0, h.target("kept").stats().fallbacks.sum());
        assertEquals("ok", h.engine.returned(kept, h.engine.enter(kept, null), "ok", null, null));

        int answered = h.site("answered");
        h.engine.enableResultCheck(answered, true);
        decision = h.engine.returned(answered, h.engine.enter(answered, null), "", null, null);
        assertTrue(decision instanceof Retry);
        assertEquals("n/a", h.engine.returned(answered, decision, "", null, null));
        assertEquals(1, h.target("answered").stats().fallbacks.sum());
        assertEquals(1, h.target("answered").stats().healed.sum());
        assertEquals("\"\"", h.ofType("fallback").get(0).get("result"));
        assertEquals("null", h.ofType("retry").get(0).get("result"));
    }
}
