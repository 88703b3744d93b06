package io.selfheal.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.ReentryGuard;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.engine.BodyInvoker;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.Site;
import io.selfheal.runtime.engine.TargetStats;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.time.Clock;
import java.io.InputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BodyInvoker}: a woven body run again by the runtime, away from the caller's frame, is one
 * untracked attempt (no count, no admission, no healing of its own throw), while the woven calls
 * nested inside it heal as usual.
 */
class BodyInvokerTest {
    private static final String CONFIG = """
            targets:
              - name: outer
                class: io.selfheal.agent.weave.InvokerSample
                methods: [ outer, boom, secret ]
                retry: { max-attempts: 3, backoff: { initial: 0ms } }
                circuit-breaker: { failure-threshold: 50 }
              - name: inner
                class: io.selfheal.agent.weave.InvokerSample
                methods: [ inner ]
                retry: { max-attempts: 3, backoff: { initial: 0ms } }
            """;

    @AfterEach
    void uninstall() {
        Healing.install(null);
    }

    @Test
    void aRawRunIsUntrackedWhileNestedCallsHeal() throws Throwable {
        AgentConfig c = ConfigLoader.parse(CONFIG, "t.yaml");
        HealingEngine engine = new HealingEngine(c, EventSink.NONE, Clock.SYSTEM);
        Healing.install(engine);
        Class<?> cls = wovenInFreshLoader(engine, c);
        Object sample = cls.getConstructor().newInstance();
        cls.getField("innerRuns").setInt(null, 0);

        // A normal call first: both targets count it, inner heals its first failure by a retry.
        assertEquals("a1", cls.getMethod("outer", String.class, int.class).invoke(sample, "a", 1));
        TargetStats outer = engine.target("outer").stats();
        TargetStats inner = engine.target("inner").stats();
        assertEquals(1, outer.calls.sum());
        assertEquals(1, inner.calls.sum());
        assertEquals(1, inner.retries.sum());

        // The body again, through the invoker, on another thread: outer counts nothing more...
        Site outerSite = site(engine, "outer");
        Object[] result = new Object[1];
        Thread t = new Thread(() -> {
            try {
                result[0] = BodyInvoker.of(outerSite).invoke(sample, new Object[] {"b", 2});
            } catch (Throwable e) {
                result[0] = e;
            }
        });
        t.start();
        t.join();
        assertEquals("b2", result[0]);
        assertEquals(2, cls.getField("outerRuns").getInt(sample));
        assertEquals(1, outer.calls.sum(), "the raw run is not a new call");
        // ...while the nested woven call was entered, failed once and was retried as usual.
        assertEquals(2, inner.calls.sum());
        assertEquals(2, inner.retries.sum());
        assertEquals(2, inner.healed.sum());

        // A throw comes back unchanged: no retry, no failure counted, the circuit untouched.
        BodyInvoker boom = BodyInvoker.of(site(engine, "boom"));
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> boom.invoke(null, new Object[] {7L}));
        assertEquals("boom 7", thrown.getMessage());
        assertEquals(0, outer.failures.sum());
        assertEquals(0, outer.retries.sum());

        // A private method runs too; and the mark is one-shot: a later call on this thread heals.
        assertEquals("secret s 2", BodyInvoker.of(site(engine, "secret")).invoke(sample, new Object[] {"s"}));
        assertFalse(ReentryGuard.anyMarks(), "no mark is left behind");
        assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> cls.getMethod("boom", long.class).invoke(null, 1L));
        assertEquals(3, outer.failures.sum(), "a normal call after a raw run is healed: 3 attempts");
        assertEquals(2, outer.retries.sum());
        assertEquals(0, engine.faults().count());

        // A receiver of another class (the same name in another loader): the agent's problem, said so
        BodyInvoker.Unreachable wrong = assertThrows(BodyInvoker.Unreachable.class,
                () -> BodyInvoker.of(outerSite).invoke(new InvokerSample(), new Object[] {"c", 3}));
        assertTrue(wrong.getMessage().contains("from another class loader"), wrong.getMessage());
        assertFalse(ReentryGuard.anyMarks());
    }

    private static Site site(HealingEngine engine, String method) {
        for (int id = 0; id < engine.siteCount(); id++) {
            Site s = engine.site(id);
            if (s != null && s.methodName().equals(method)) {
                return s;
            }
        }
        throw new AssertionError("no site for " + method);
    }

    private Class<?> wovenInFreshLoader(HealingEngine engine, AgentConfig c) throws Exception {
        byte[] original;
        try (InputStream in = InvokerSample.class.getResourceAsStream("InvokerSample.class")) {
            original = in.readAllBytes();
        }
        OwnLoader loader = new OwnLoader(getClass().getClassLoader(), "io.selfheal.agent.weave.InvokerSample");
        byte[] woven = new ClassWeaver(engine).weave(original, loader, c.targets());
        return loader.define(woven);
    }
}
