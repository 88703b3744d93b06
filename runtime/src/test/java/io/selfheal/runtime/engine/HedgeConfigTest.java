package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.HedgeConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code hedge:} as the config reads it; the behaviour is tested woven, in child JVMs (HedgeTest). */
class HedgeConfigTest {

    @Test
    void afterIsADurationOrP99WithLatencyAndTheRestHasDefaults() throws Exception {
        HedgeConfig fixed = ConfigLoader.parse("""
                targets:
                  - class: A
                    hedge: { after: 50ms }
                """, "t.yaml").targets().get(0).hedge();
        assertEquals(new HedgeConfig(Duration.ofMillis(50), false, 1, 4), fixed);
        HedgeConfig p99 = ConfigLoader.parse("""
                targets:
                  - class: A
                    latency: true
                    hedge: { after: p99, max-extra: 2, executor-threads: 8 }
                """, "t.yaml").targets().get(0).hedge();
        assertTrue(p99.afterP99());
        assertEquals(2, p99.maxExtra());
        assertEquals(8, p99.executorThreads());
    }

    @Test
    void badValuesAreRejectedWithTheirKey() {
        String m = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                targets:
                  - class: A
                    hedge: { after: p99 }
                  - class: B
                    hedge: { after: soon, max-extra: 0 }
                  - class: C
                    hedge: { max-extra: 1 }
                  - class: D
                    hedge: { after: 0ms, executor-threads: 0 }
                """, "t.yaml")).getMessage();
        assertTrue(m.contains("hedge.after") && m.contains("p99 needs the target's latency: true"), m);
        assertTrue(m.contains("'soon' is not a duration"), m);
        assertTrue(m.contains("hedge.max-extra"), m);
        assertTrue(m.contains("is required (for example after: 50ms"), m);
        assertTrue(m.contains("must be more than 0"), m);
        assertTrue(m.contains("hedge.executor-threads"), m);
    }
}
