package io.selfheal.agent.weave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.selfheal.bootstrap.Healing;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.time.Clock;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.events.EventSink;
import java.io.InputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The weaver in-process: woven bytes load, verify and heal; unnamed classes stay byte-identical. */
class WeaverTest {
    private static final String CONFIG = """
            targets:
              - name: sample
                class: io.selfheal.agent.weave.Sample
                methods: [ "add", "half" ]
                retry: { max-attempts: 3, backoff: { initial: 0ms } }
            """;

    @AfterEach
    void uninstall() {
        Healing.install(null);
    }

    private static byte[] bytesOf(Class<?> c) throws Exception {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void aClassTheConfigDoesNotNameIsReturnedUntouched() throws Exception {
        // Our own packages are never woven, so the named class goes by a neutral name here.
        AgentConfig c = ConfigLoader.parse("targets: [ { class: com.acme.Sample, methods: [ add ] } ]", "t.yaml");
        HealingEngine engine = new HealingEngine(c, EventSink.NONE, Clock.SYSTEM);
        HealingTransformer t = new HealingTransformer(new TargetIndex(c.targets()), engine);
        assertNull(t.transform(getClass().getClassLoader(), "io/selfheal/agent/weave/WeaverTest", null, null,
                bytesOf(WeaverTest.class)));
        assertNull(t.transform(null, null, null, null, new byte[0]), "hidden classes have no name");
        assertNotNull(t.transform(getClass().getClassLoader(), "com/acme/Sample", null, null,
                bytesOf(Sample.class)));
        assertEquals(0, engine.faults().count());
    }

    @Test
    void ourOwnClassesNeverMatchEvenWhenAGlobWouldSaySo() throws Exception {
        AgentConfig c = ConfigLoader.parse("targets: [ { class: 'io.selfheal.**' } ]", "t.yaml");
        TargetIndex index = new TargetIndex(c.targets());
        assertNull(index.lookup("io/selfheal/runtime/engine/HealingEngine"));
        assertNull(index.lookup("io/selfheal/bootstrap/Healing"));
        assertNotNull(index.lookup("io/selfheal/demo/DemoApp"));
    }

    @Test
    void wovenBytesVerifyLoadAndHealInAFreshLoader() throws Exception {
        AgentConfig c = ConfigLoader.parse(CONFIG, "t.yaml");
        HealingEngine engine = new HealingEngine(c, EventSink.NONE, Clock.SYSTEM);
        Healing.install(engine);
        byte[] woven = new ClassWeaver(engine).weave(bytesOf(Sample.class), getClass().getClassLoader(), c.targets());
        assertNotNull(woven);
        Class<?> cls = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass("io.selfheal.agent.weave.Sample", woven, 0, woven.length);
            }
        }.define();
        Object sample = cls.getConstructor().newInstance();
        assertEquals(12L, cls.getMethod("add", long.class, int.class).invoke(sample, 10L, 2));
        assertEquals(3, cls.getField("runs").getInt(sample));
        assertEquals(2.25, cls.getMethod("half", double.class).invoke(null, 4.5));
        assertEquals("plain", cls.getMethod("untouched").invoke(sample));
        assertEquals(1, engine.target("sample").stats().healed.sum());
        assertEquals(2, engine.target("sample").stats().calls.sum());
        assertArrayEquals(new long[] {2, 2}, new long[] {engine.target("sample").stats().failures.sum(),
                engine.target("sample").stats().retries.sum()});
    }

    @Test
    void aDrillsInjectionEntersTheWovenFailurePathWithTheRealTokenOrAnswersWithoutTheBody() throws Exception {
        AgentConfig c = ConfigLoader.parse("drills: { enabled: true, max-rate: 1 }\n" + CONFIG, "t.yaml");
        HealingEngine engine = new HealingEngine(c, EventSink.NONE, Clock.SYSTEM);
        Healing.install(engine);
        byte[] woven = new ClassWeaver(engine).weave(bytesOf(Sample.class), getClass().getClassLoader(), c.targets());
        Class<?> cls = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass("io.selfheal.agent.weave.Sample", woven, 0, woven.length);
            }
        }.define();
        Object sample = cls.getConstructor().newInstance();
        cls.getField("runs").setInt(sample, 2);   // the body's own failures are over: it answers at once
        var drill = engine.drills().start(engine.target("sample"),
                io.selfheal.runtime.engine.DrillSpec.parse(java.util.List.of("--throw", "java.io.IOException:drill")));
        assertEquals(12L, cls.getMethod("add", long.class, int.class).invoke(sample, 10L, 2));
        assertEquals(3, cls.getField("runs").getInt(sample), "the injection replaced the first run; the retry ran the body");
        engine.drills().stop("sample", "drill-stop");
        assertEquals(1, drill.awaitReport(10_000).healedBy().get("retry"));

        engine.drills().start(engine.target("sample"),
                io.selfheal.runtime.engine.DrillSpec.parse(java.util.List.of("--return", "7.5")));
        assertEquals(7.5, cls.getMethod("half", double.class).invoke(null, 4.5), "a primitive return, unboxed");
        assertEquals(3, cls.getField("runs").getInt(sample));
        engine.drills().stop("sample", "drill-stop");
        assertEquals(0, engine.faults().count());
    }
}
