package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.selfheal.bootstrap.CodeHandler;
import io.selfheal.bootstrap.CodeHealing;
import io.selfheal.bootstrap.Healing;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.events.EventType;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls from code (CodeHealing, as SelfHeal.call makes them) on a real engine: its sites, its stages, a reload. */
class CodeSitesTest {
    private final EngineFixture fx = new EngineFixture();

    private static final String YAML = """
            targets:
              - name: quotes
                retry: { max-attempts: 3, backoff: { initial: 10ms } }
                fallback: [ { value: cached } ]
            """;

    /** How many calls the handler answers "not now" (an agent still being built) before it answers. */
    private int notNow;

    private HealingEngine install(String yaml) throws Exception {
        HealingEngine engine = fx.engine(yaml);
        Healing.install(engine);
        CodeHealing.install(new CodeHandler() {
            @Override
            public int site(String target, ClassLoader loader) {
                if (notNow > 0) {
                    notNow--;
                    return NOT_NOW;
                }
                return engine.codeSite(target, loader);
            }

            @Override
            public boolean hasTarget(String target) {
                return engine.target(target) != null;
            }

            @Override
            public AutoCloseable subscribe(String target, Collection<String> types,
                    Consumer<Map<String, Object>> listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long droppedEvents() {
                return 0;
            }

            @Override
            public Map<String, Object> stats(String target) {
                return null;
            }

            @Override
            public void fault(String where, Throwable fault) {
                engine.fault(where, fault);
            }
        });
        return engine;
    }

    @AfterEach
    void uninstall() {
        Healing.install(null);
        CodeHealing.install(null);
    }

    private static Callable<Object> failing(AtomicInteger runs) {
        return () -> {
            runs.incrementAndGet();
            throw new IOException("down");
        };
    }

    @Test
    void aBlockIsRetriedThenAnsweredByTheFallbackAndCountedOnTheTarget() throws Exception {
        HealingEngine engine = install(YAML);
        AtomicInteger runs = new AtomicInteger();
        assertEquals("cached", CodeHealing.call("quotes", failing(runs)));
        assertEquals(3, runs.get());
        TargetStats s = engine.target("quotes").stats();
        assertEquals(1, s.calls.sum());
        assertEquals(3, s.failures.sum());
        assertEquals(2, s.retries.sum());
        assertEquals(1, s.fallbacks.sum());
        assertEquals(List.of(2, 3), fx.of(EventType.RETRY).stream().map(e -> e.get("attempt")).toList());
        assertEquals("io.selfheal.api.SelfHeal", fx.of(EventType.HEALED).get(0).get("class"));
        assertEquals("call", fx.of(EventType.HEALED).get(0).get("method"));
        assertEquals("ok", CodeHealing.call("quotes", () -> "ok"));
        assertEquals(2, s.calls.sum());
    }

    @Test
    void fallbackValuesAreWhatJavaCodeExpectsOfALiteral() throws Exception {
        install("""
                targets:
                  - name: number
                    fallback: [ { value: -1 } ]
                  - name: big
                    fallback: [ { value: 10000000000 } ]
                  - name: list
                    fallback: [ { value: [ 1, two, 3.5 ] } ]
                  - name: empty
                    fallback: [ { empty: true } ]
                """);
        Callable<Object> down = () -> {
            throw new IOException("down");
        };
        assertEquals(Integer.valueOf(-1), CodeHealing.call("number", down));
        assertEquals(Long.valueOf(10_000_000_000L), CodeHealing.call("big", down));
        assertEquals(List.of(1, "two", 3.5), CodeHealing.call("list", down));
        assertEquals(null, CodeHealing.call("empty", down));
    }

    @Test
    void anAgentThatCannotSayYetIsAskedAgainAtTheNextCall() throws Exception {
        notNow = 1;
        install(YAML);
        AtomicInteger runs = new AtomicInteger();
        assertThrows(IOException.class, () -> CodeHealing.call("quotes", failing(runs)), "run as is");
        assertEquals(1, runs.get());
        runs.set(0);
        assertEquals("cached", CodeHealing.call("quotes", failing(runs)), "healed once the agent can say");
        assertEquals(3, runs.get());
    }

    @Test
    void oneSitePerTargetAndLoaderAndNoneForAnUnknownName() throws Exception {
        HealingEngine engine = install(YAML);
        ClassLoader app = getClass().getClassLoader();
        int site = engine.codeSite("quotes", app);
        assertEquals(site, engine.codeSite("quotes", app));
        ClassLoader other = new ClassLoader(app) { };
        int otherSite = engine.codeSite("quotes", other);
        assertEquals(engine.site(site).target(), engine.site(otherSite).target(), "one target, one set of figures");
        assertEquals(2, engine.siteCount());
        assertEquals(-1, engine.codeSite("nope", app));
        assertEquals(2, engine.siteCount());
    }

    @Test
    void anUnknownNameRunsTheBlockAsItIsAndItsCheckedExceptionPassesUnchanged() throws Exception {
        install(YAML);
        AtomicInteger runs = new AtomicInteger();
        IOException mine = new IOException("mine");
        IOException thrown = assertThrows(IOException.class, () -> CodeHealing.call("nope", () -> {
            runs.incrementAndGet();
            throw mine;
        }));
        assertSame(mine, thrown);
        assertEquals(1, runs.get());
    }

    @Test
    void aReloadMovesCallsToTheTargetNowInForceOrRunsThemAsIsWhenItIsGone() throws Exception {
        HealingEngine engine = install(YAML);
        int site = engine.codeSite("quotes", getClass().getClassLoader());
        AtomicInteger runs = new AtomicInteger();
        assertEquals("cached", CodeHealing.call("quotes", failing(runs)));
        engine.replaceTargets(ConfigLoader.parse("""
                targets:
                  - name: quotes
                    fallback: [ { value: fresh-config } ]
                """, "t.yaml").targets());
        runs.set(0);
        assertEquals("fresh-config", CodeHealing.call("quotes", failing(runs)));
        assertEquals(1, runs.get(), "no retry: the new config has none");
        assertEquals(site, engine.codeSite("quotes", getClass().getClassLoader()), "the same site id, re-pointed");
        assertEquals(1, engine.target("quotes").stats().calls.sum(), "a changed target starts its counts afresh");
        engine.replaceTargets(List.of());
        runs.set(0);
        assertThrows(IOException.class, () -> CodeHealing.call("quotes", failing(runs)));
        assertEquals(1, runs.get());
    }

    @Test
    void aFaultFindingTheSiteIsReportedAndTheBlockRunsAsItIs() throws Exception {
        HealingEngine engine = fx.engine(YAML);
        CodeHealing.install(new CodeHandler() {
            @Override
            public int site(String target, ClassLoader loader) {
                throw new IllegalStateException("broken");
            }

            @Override
            public boolean hasTarget(String target) {
                throw new IllegalStateException("broken");
            }

            @Override
            public AutoCloseable subscribe(String target, Collection<String> types,
                    Consumer<Map<String, Object>> listener) {
                throw new IllegalStateException("broken");
            }

            @Override
            public long droppedEvents() {
                throw new IllegalStateException("broken");
            }

            @Override
            public Map<String, Object> stats(String target) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void fault(String where, Throwable fault) {
                engine.fault(where, fault);
            }
        });
        assertEquals("ran", CodeHealing.call("quotes", () -> "ran"));
        assertEquals(false, CodeHealing.isActive("quotes"));
        CodeHealing.subscribe(null, null, f -> { }).close();
        assertEquals(0, CodeHealing.droppedEvents());
        assertEquals(null, CodeHealing.stats("quotes"));
        assertEquals(List.of("code-call", "event-listener", "code-stats"),
                fx.of(EventType.AGENT_FAULT).stream().map(e -> e.get("where")).toList());
    }
}
