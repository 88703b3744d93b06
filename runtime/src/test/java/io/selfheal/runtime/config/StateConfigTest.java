package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateConfigTest {

    @Test
    void readsRestoreRestoreCheckpointAndCheckpoints() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("""
                checkpoints:
                  interval: 30s
                  keep: 4
                  state:
                    - class: com.acme.CartStore
                      fields: [ carts ]
                targets:
                  - class: com.acme.Cart
                    restore: { fields: [ items, total ], depth: shallow, on: [ java.io.IOException ] }
                    restore-checkpoint: { on: [ java.lang.IllegalStateException ] }
                  - class: com.acme.Other
                    restore: {}
                """, "t.yaml");
        TargetConfig cart = c.targets().get(0);
        assertEquals(List.of("items", "total"), cart.restore().fields().stream().map(RestoreConfig.FieldName::name).toList());
        assertEquals(RestoreConfig.Depth.SHALLOW, cart.restore().depth());
        assertEquals(9, cart.restore().fields().get(0).location().line());
        assertTrue(cart.restoreCheckpoint().filter().matches(new IllegalStateException()));
        assertTrue(c.targets().get(1).restore().allFields());
        assertEquals(RestoreConfig.Depth.DEEP, c.targets().get(1).restore().depth());
        assertEquals(Duration.ofSeconds(30), c.checkpoints().interval());
        assertEquals(4, c.checkpoints().keep());
        assertEquals("com.acme.CartStore", c.checkpoints().state().get(0).className());
    }

    @Test
    void checkpointsWithoutIntervalAreOnDemandOnly() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("""
                checkpoints:
                  state: [ { class: a.B, fields: [ x ] } ]
                targets: []
                """, "t.yaml");
        assertNull(c.checkpoints().interval());
        assertEquals(CheckpointsConfig.DEFAULT_KEEP, c.checkpoints().keep());
    }

    @Test
    void everyProblemIsReportedWithItsPlace() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                checkpoints:
                  interval: soon
                  state:
                    - class: com.acme.*Store
                      fields: [ carts ]
                    - class: com.acme.Empty
                targets:
                  - class: com.acme.Cart
                    restore: { fields: [ "not a name" ], depth: medium, retries: 2 }
                """, "t.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("t.yaml:2:") && m.contains("checkpoints.interval"), m);
        assertTrue(m.contains("must be an exact class name"), m);
        assertTrue(m.contains("name at least one field"), m);
        assertTrue(m.contains("'not a name' is not a Java field name"), m);
        assertTrue(m.contains("must be 'deep' or 'shallow'"), m);
        assertTrue(m.contains("unknown key 'retries'"), m);
    }

    @Test
    void restoreCheckpointNeedsACheckpointsBlock() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                targets:
                  - class: com.acme.Cart
                    restore-checkpoint: { on: [ java.lang.IllegalStateException ] }
                """, "t.yaml"));
        assertTrue(e.getMessage().contains("t.yaml:3:") && e.getMessage().contains("needs a top-level 'checkpoints:'"),
                e.getMessage());
    }
}
