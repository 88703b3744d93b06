package io.selfheal.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusTableTest {

    private static Map<String, Object> target(String name, long calls, boolean isolated, String errorType, String message) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("calls", calls);
        t.put("failures", calls / 3);
        t.put("healed", calls / 4);
        t.put("circuitState", "HALF_OPEN");
        t.put("isolated", isolated);
        t.put("health", "UNHEALTHY");
        t.put("lastErrorType", errorType);
        t.put("lastErrorMessage", message);
        return t;
    }

    @Test
    void everyLineFitsEightyColumnsWhateverTheValues() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("version", "0.1.0-SNAPSHOT");
        s.put("pid", 4194304L);
        s.put("uptimeMillis", 90_061_000L);
        s.put("health", "CRITICAL");
        s.put("agentFaults", 123456789L);
        s.put("totalCalls", 98_765_432_101L);
        s.put("failures", 1L);
        s.put("healed", 1L);
        s.put("unhealed", 0L);
        s.put("targets", List.of(
                target("com.acme.billing.very.long.LedgerClientTarget", 98_765_432_101L, false,
                        "com.acme.SomeVeryLongExceptionClassName", "a message\nwith a newline and far too many words"),
                target("iso", 5, true, null, null)));
        String table = StatusTable.render(s);
        for (String line : table.split("\n")) {
            assertTrue(line.length() <= StatusTable.WIDTH, line.length() + ": " + line);
        }
        assertTrue(table.contains("com.acme.billin~   98.8G"), table);
        assertTrue(table.contains(" HALF_OPEN "), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("iso ") && l.contains("ISOLATED") && l.endsWith(" -")), table);
        assertTrue(table.contains("up 25h01m"), table);
    }

    @Test
    void aMemoryLineOnlyWhenMemoryIsWatched() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("targets", List.of());
        assertFalse(StatusTable.render(s).contains("heap-after-gc"));
        s.put("memoryWatched", true);
        s.put("heapAfterGc", 0.4141);
        s.put("gcTime", Double.NaN);
        s.put("memoryReclaims", 3L);
        assertTrue(StatusTable.render(s).contains("memory  heap-after-gc 41%  gc-time -  reclaims 3\n"),
                StatusTable.render(s));
    }

    @Test
    void countsShrinkToSevenCharacters() {
        assertEquals("9999999", StatusTable.count(9_999_999L));
        assertEquals("12.3M", StatusTable.count(12_345_678L));
        assertEquals("12.3G", StatusTable.count(12_345_678_901L));
    }

    @Test
    void aTargetWithAConcurrencyLimitGetsALineWithItsLimitAndCallsInFlight() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("version", "1");
        s.put("pid", 1L);
        Map<String, Object> limited = target("inventory", 10, false, null, null);
        limited.put("concurrencyLimit", 18);
        limited.put("inFlight", 12);
        Map<String, Object> plain = target("plain", 10, false, null, null);
        plain.put("concurrencyLimit", -1);
        plain.put("inFlight", -1);
        s.put("targets", List.of(limited, plain));
        String table = StatusTable.render(s);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("inventory") && l.contains("concurrency limit 18, in flight 12")),
                table);
        assertEquals(1, table.lines().filter(l -> l.contains("concurrency limit")).count(), table);
    }
}
