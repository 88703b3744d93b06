package io.selfheal.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CheckpointsTest {

    public static class Store {
        static final Map<String, Integer> STOCK = new TreeMap<>();
        String name;

        Store(String name) {
            this.name = name;
        }
    }

    private final List<Event> events = new ArrayList<>();
    private long now = 1000;

    private Checkpoints checkpoints(int keep) throws Exception {
        AgentConfig config = ConfigLoader.parse("""
                checkpoints:
                  keep: %d
                  state:
                    - class: %s
                      fields: [ STOCK, name ]
                targets: []
                """.formatted(keep, Store.class.getName()), "test.yaml");
        Checkpoints c = new Checkpoints(config.checkpoints(), events::add, () -> now, (where, t) -> {
            throw new AssertionError(where, t);
        });
        int id = c.classWoven(Store.class.getName(), Store.class.getClassLoader(), List.of("STOCK", "name"));
        assertEquals(id, c.classWoven(Store.class.getName(), Store.class.getClassLoader(), List.of("STOCK", "name")),
                "a retransformed class keeps its id and its instances");
        return c;
    }

    @Test
    void idsAreMillisAndASequenceAndOnlyTheLastKeepAreKept() throws Exception {
        Checkpoints c = checkpoints(2);
        String first = c.create("test").id();
        now = 2000;
        String second = c.create("test").id();
        String third = c.create("test").id();
        assertEquals("cp-1000-1", first);
        assertEquals("cp-2000-2", second);
        assertEquals("cp-2000-3", third);
        assertEquals(List.of(second, third), c.ids());
        assertEquals(3, events.stream().filter(e -> e.type() == EventType.CHECKPOINT_CREATED).count());
    }

    @Test
    void restoreBringsBackStaticsAndSeenInstancesAndAnUnknownIdChangesNothing() throws Exception {
        Checkpoints c = checkpoints(5);
        Store.STOCK.clear();
        Store.STOCK.put("apple", 3);
        Store s = new Store("main");
        c.seen(0, s);
        c.seen(0, s);   // a constructor calling this(...) reports twice
        Checkpoint cp = c.create("test");
        assertEquals(1, cp.instanceCount());

        Store.STOCK.put("apple", 0);
        s.name = "broken";
        Store later = new Store("later");
        c.seen(0, later);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.restore("cp-9-9", "test"));
        assertTrue(e.getMessage().contains("cp-9-9") && e.getMessage().contains(cp.id()), e.getMessage());
        assertEquals(0, Store.STOCK.get("apple"));
        assertEquals("broken", s.name);

        c.restore(cp.id(), "test");
        assertEquals(Map.of("apple", 3), Store.STOCK);
        assertEquals("main", s.name);
        assertEquals("later", later.name, "an instance created after the checkpoint is left as it is");
        assertEquals(EventType.CHECKPOINT_RESTORED, events.get(events.size() - 1).type());
    }

    @Test
    void restoreLatestIsNullBeforeAnyCheckpoint() throws Exception {
        Checkpoints c = checkpoints(1);
        assertNull(c.restoreLatest("test", null));
        Store.STOCK.clear();
        c.create("test");
        Store.STOCK.put("pear", 1);
        assertEquals(c.latest(), c.restoreLatest("test", "t"));
        assertTrue(Store.STOCK.isEmpty());
        assertEquals("t", events.get(events.size() - 1).get("target"));
    }

    @Test
    void instancesAreHeldWeakly() throws Exception {
        InstanceRegistry r = new InstanceRegistry();
        Object kept = new Object();
        r.add(kept);
        r.add(new Object());
        for (int i = 0; i < 50 && r.live().size() > 1; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(List.of(kept), r.live());
    }
}
