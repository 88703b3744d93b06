package io.selfheal.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.selfheal.bootstrap.Instances;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.time.Clock;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Constructors of a checkpoint class are hooked, verify, and report each instance once. */
class CheckpointWeavingTest {
    private static final String NAME = "io.selfheal.agent.weave.TrackedSample";

    @AfterEach
    void uninstall() {
        Instances.install(null);
    }

    /** Defines the woven class itself instead of asking its parent, so the agent resolves this one. */
    static final class ChildFirst extends ClassLoader {
        byte[] bytes;
        private Class<?> defined;

        ChildFirst(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected synchronized Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals(NAME)) {
                if (defined == null) {
                    defined = defineClass(name, bytes, 0, bytes.length);
                }
                return defined;
            }
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void everyConstructorShapeReportsItsInstanceAndCheckpointsSeeThem() throws Exception {
        AgentConfig c = ConfigLoader.parse("""
                checkpoints:
                  state:
                    - class: %s
                      fields: [ items, level, created, missing ]
                targets: []
                """.formatted(NAME), "t.yaml");
        List<Event> events = new ArrayList<>();
        HealingEngine engine = new HealingEngine(c, events::add, Clock.SYSTEM);
        Instances.install(engine.checkpoints());
        ChildFirst loader = new ChildFirst(getClass().getClassLoader());
        byte[] original;
        try (InputStream in = getClass().getResourceAsStream("TrackedSample.class")) {
            original = in.readAllBytes();
        }
        loader.bytes = new ClassWeaver(engine).weave(original, loader, c.targets());
        assertNotNull(loader.bytes, "a checkpoint class with instance fields is woven");
        assertEquals(1, events.stream().filter(e -> e.type() == EventType.CONFIG_PROBLEM
                && "missing".equals(e.get("field"))).count(), events.toString());

        Class<?> cls = loader.loadClass(NAME);
        List<Object> keep = new ArrayList<>();
        keep.add(cls.getConstructor().newInstance());                  // this(...) chain: reported twice, counted once
        keep.add(cls.getConstructor(int.class).newInstance(-5));        // early return
        keep.add(cls.getConstructor(String.class).newInstance("x"));    // exception handler inside
        keep.add(cls.getConstructor(String.class).newInstance("2"));

        var cp = engine.checkpoints().create("test");
        assertEquals(4, cp.instanceCount());
        Field level = cls.getField("level");
        level.setInt(keep.get(3), 99);
        cls.getField("created").setInt(null, 42);
        engine.checkpoints().restore(cp.id(), "test");
        assertEquals(2, level.getInt(keep.get(3)));
        assertEquals(1, cls.getField("created").getInt(null));
    }
}
