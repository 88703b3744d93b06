package io.selfheal.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.selfheal.bootstrap.Healing;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.time.Clock;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Methods that return stages, woven: every shape verifies and loads, and the returned stage heals. */
class StageWeavingTest {
    private static final String CONFIG = """
            targets:
              - name: stages
                class: io.selfheal.agent.weave.StageSample
                retry: { max-attempts: 3, backoff: { initial: 0ms } }
                fallback:
                  - value: -1
            """;

    @AfterEach
    void uninstall() {
        Healing.install(null);
    }

    @Test
    void everyShapeVerifiesAndHeals() throws Exception {
        AgentConfig c = ConfigLoader.parse(CONFIG, "t.yaml");
        HealingEngine engine = new HealingEngine(c, EventSink.NONE, Clock.SYSTEM);
        Healing.install(engine);
        byte[] original;
        try (InputStream in = StageSample.class.getResourceAsStream("StageSample.class")) {
            original = in.readAllBytes();
        }
        OwnLoader loader = new OwnLoader(getClass().getClassLoader(), "io.selfheal.agent.weave.StageSample");
        Class<?> cls = loader.define(new ClassWeaver(engine).weave(original, loader, c.targets()));
        Object sample = cls.getConstructor().newInstance();
        Method shapes = cls.getMethod("shapes", long.class, int.class, double.class);
        assertEquals("loop 3", join(shapes.invoke(sample, 1L, 5, 0.5)));
        assertEquals("caught 7", join(shapes.invoke(sample, 7L, -1, 0.5)));
        assertNull(shapes.invoke(sample, 7L, 1, 0.5), "a null stage is returned as it is");
        // runs is 3 now: no failure left; a fresh instance fails first, then heals by a retry
        Object fresh = cls.getConstructor().newInstance();
        assertEquals("d2.5", join(shapes.invoke(fresh, 1L, 2, 2.5)));
        assertEquals(2, cls.getField("runs").getInt(fresh));
        Method stat = cls.getMethod("stat", int.class);
        assertEquals(4, join(stat.invoke(null, 4)));
        assertEquals(-1, join(stat.invoke(null, -4)), "the literal is converted to Integer and retries ran out");
        assertEquals(0, engine.faults().count());
    }

    private static Object join(Object stage) throws Exception {
        return ((CompletionStage<?>) stage).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
