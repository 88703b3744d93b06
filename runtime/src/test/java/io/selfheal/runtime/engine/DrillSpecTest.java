package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillSpecTest {
    @Test
    void readsEachFaultAndTheDefaults() {
        DrillSpec t = DrillSpec.parse(List.of("--throw", "java.io.IOException:conn: reset"));
        assertEquals(DrillSpec.Fault.THROW, t.fault());
        assertEquals("java.io.IOException", t.exceptionClass());
        assertEquals("conn: reset", t.message());
        assertEquals(1.0, t.rate());
        assertEquals(Duration.ofSeconds(30), t.duration());
        assertEquals(0, t.calls());
        assertNull(DrillSpec.parse(List.of("--throw", "java.io.IOException")).message());
        DrillSpec l = DrillSpec.parse(List.of("--latency", "300ms", "--rate", "0.2", "--for", "5s", "--calls", "7",
                "--detach"));
        assertEquals(Duration.ofMillis(300), l.latency());
        assertEquals(0.2, l.rate());
        assertEquals(Duration.ofSeconds(5), l.duration());
        assertEquals(7, l.calls());
        assertEquals("return  x", DrillSpec.parse(List.of("--return", " x")).describe());
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertTrue(message().contains("needs a fault"));
        assertTrue(message("--throw", "A", "--latency", "1s").contains("one fault per drill"));
        assertTrue(message("--latency", "soon").contains("--latency takes a duration"));
        assertTrue(message("--latency", "0ms").contains("longer than 0"));
        assertTrue(message("--throw", "A", "--rate", "1.5").contains("--rate"));
        assertTrue(message("--throw", "A", "--rate", "x").contains("--rate"));
        assertTrue(message("--throw", "A", "--calls", "0").contains("--calls"));
        assertTrue(message("--throw", "A", "--speed", "1").contains("unknown option --speed"));
        assertTrue(message("--throw").contains("--throw needs a value"));
        assertTrue(message("--throw", ":msg").contains("exception class"));
    }

    private static String message(String... options) {
        return assertThrows(IllegalArgumentException.class, () -> DrillSpec.parse(List.of(options))).getMessage();
    }

    @Test
    void literalsAreReadAsYamlPlainScalars() {
        assertNull(Drill.literal("null"));
        assertEquals(Boolean.TRUE, Drill.literal("true"));
        assertEquals(42L, Drill.literal("42"));
        assertEquals(-1.5, Drill.literal("-1.5"));
        assertEquals("42", Drill.literal("'42'"));
        assertEquals("hello world", Drill.literal("hello world"));
    }

    @Test
    void healTimePercentilesAreNearestRank() {
        Drill.HealTimes times = new Drill.HealTimes();
        assertEquals(0, times.percentiles(0.5)[0]);
        for (int i = 1; i <= 100; i++) {
            times.add(i);
        }
        long[] p = times.percentiles(0.50, 0.99);
        assertEquals(50, p[0]);
        assertEquals(99, p[1]);
    }
}
