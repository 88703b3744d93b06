package io.selfheal.runtime.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.config.ReclaimerEntry;
import io.selfheal.runtime.engine.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Issue 25: reclaimers resolved, run in order, each at most once per cooldown; one that throws does not stop the rest. */
class ReclaimersTest {
    static final List<String> CALLS = new ArrayList<>();
    static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    static double lastPressure;

    public static void trim(double pressure) {
        CALLS.add("trim");
        lastPressure = pressure;
    }

    public static void plain() {
        CALLS.add("plain");
    }

    public static void boom() {
        CALLS.add("boom");
        throw new IllegalStateException("boom");
    }

    public void notStatic() {
    }

    static String notACollection = "x";

    private static Reclaimer resolved(String name, ReclaimerEntry.Kind kind, String member) {
        Reclaimer r = new Reclaimer(new ReclaimerEntry(name, kind, ReclaimersTest.class.getName(), member, null));
        r.resolve(ReclaimersTest.class);
        return r;
    }

    @Test
    void membersAreCheckedAndTheLoaderNamed() {
        assertNull(resolved("t", ReclaimerEntry.Kind.INVOKE, "trim").problem());
        assertNull(resolved("c", ReclaimerEntry.Kind.CLEAR, "CACHE").problem());
        String notStatic = resolved("n", ReclaimerEntry.Kind.INVOKE, "notStatic").problem();
        assertTrue(notStatic.contains("must be static") && notStatic.contains("found instance method void notStatic()")
                && notStatic.contains("class loaded by loader 'app'"), notStatic);
        assertTrue(resolved("m", ReclaimerEntry.Kind.INVOKE, "missing").problem().contains("no method of that name"));
        assertTrue(resolved("f", ReclaimerEntry.Kind.CLEAR, "notACollection").problem()
                .contains("must hold a java.util.Map or java.util.Collection; it is declared java.lang.String"));
        assertTrue(resolved("g", ReclaimerEntry.Kind.CLEAR, "NOPE").problem().contains("does not exist"));
        assertEquals(Reclaimer.State.INVALID, resolved("g", ReclaimerEntry.Kind.CLEAR, "NOPE").state());
    }

    @Test
    void runInOrderOncePerCooldownAndAThrowingOneLetsTheOthersRun() throws Exception {
        CALLS.clear();
        CACHE.put("k", "v");
        ManualClock clock = new ManualClock();
        String me = ReclaimersTest.class.getName();
        Reclaimers rs = new Reclaimers(List.of(
                new ReclaimerEntry("boom", ReclaimerEntry.Kind.INVOKE, me, "boom", null),
                new ReclaimerEntry("trim", ReclaimerEntry.Kind.INVOKE, me, "trim", null),
                new ReclaimerEntry("cache", ReclaimerEntry.Kind.CLEAR, me, "CACHE", null),
                new ReclaimerEntry("later", ReclaimerEntry.Kind.INVOKE, "not.Loaded", "x", null)), 30_000, clock);
        for (Reclaimer r : rs.all().subList(0, 3)) {
            r.resolve(ReclaimersTest.class);
        }
        assertTrue(rs.anyDue(null));
        List<Reclaimers.Outcome> first = rs.run(null, 0.93, false);
        assertEquals(List.of("boom", "trim"), CALLS);
        assertEquals(0.93, lastPressure);
        assertTrue(CACHE.isEmpty());
        assertEquals("failed", first.get(0).outcome());
        assertEquals("java.lang.IllegalStateException: boom", first.get(0).error());
        assertEquals("ok", first.get(1).outcome());
        assertEquals("ok", first.get(2).outcome());
        assertEquals("not-loaded", first.get(3).outcome());

        clock.advanceMillis(29_999);
        assertFalse(rs.anyDue(null));
        List<Reclaimers.Outcome> cooling = rs.run(null, 0.95, false);
        assertEquals("cooldown", cooling.get(1).outcome());
        assertEquals(List.of("boom", "trim"), CALLS, "nothing runs again within the cooldown");
        rs.run("trim", 0.99, true);   // an OutOfMemoryError does not wait
        assertEquals(List.of("boom", "trim", "trim"), CALLS);

        clock.advanceMillis(30_000);
        assertTrue(rs.anyDue("cache"));
        List<Reclaimers.Outcome> one = rs.run("cache", 0.9, false);
        assertEquals(1, one.size());
        assertEquals("cache", one.get(0).name());
    }

    @Test
    void gcTimeIsThePauseFractionOfTheWindowAndHeapAfterGcTheLastFigure() {
        GcActivity a = new GcActivity(1000, 10_000, 0);
        assertTrue(Double.isNaN(a.heapAfterGc()));
        a.collected(1_000, 100, 900, 0.9, false);
        assertEquals(0.9, a.heapAfterGc());
        assertEquals(0.1, a.gcTime(1_000), 1e-9, "since the start when that is shorter than the window");
        a.collected(5_000, 0, -1, Double.NaN, false);   // a concurrent cycle's pause: no figure, no pause counted
        assertEquals(0.9, a.heapAfterGc());
        a.collected(9_000, 400, 300, 0.3, true);
        assertEquals(0.3, a.heapAfterGc());
        assertEquals(0.05, a.gcTime(10_000), 1e-9);
        assertEquals(0.04, a.gcTime(11_000), 1e-9, "the first pause left the window");
        assertEquals(3, a.collections());
        assertEquals(1, a.explicitCollections());
        assertEquals(300, a.usedAfterBytes());
    }
}
