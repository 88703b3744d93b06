package io.selfheal.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.config.RestoreConfig.Depth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FieldSetTest {

    static class Account {
        private List<String> entries = new ArrayList<>();
        int balance;
        private final List<String> audit = new ArrayList<>();
        static int opened;
        transient int cache;
    }

    static class Savings extends Account {
        private double rate;
    }

    @Test
    void deepRestoreGivesBackTheValuesOfTheSnapshotAndKeepsItReusable() throws Throwable {
        Account a = new Account();
        a.entries.add("open");
        FieldSet fields = FieldSet.of(Account.class, List.of("entries", "balance"));
        Object[] snap = fields.capture(a, Depth.DEEP);
        a.entries.add("x");
        a.balance = 5;
        assertEquals(List.of("entries", "balance"), fields.restore(a, snap, Depth.DEEP));
        assertEquals(List.of("open"), a.entries);
        assertEquals(0, a.balance);
        a.entries.add("y");
        fields.restore(a, snap, Depth.DEEP);
        assertEquals(List.of("open"), a.entries, "the snapshot was not handed out, so it restores again");
    }

    @Test
    void shallowRestorePutsBackReferencesOnly() throws Throwable {
        Account a = new Account();
        List<String> original = a.entries;
        FieldSet fields = FieldSet.of(Account.class, List.of("entries"));
        Object[] snap = fields.capture(a, Depth.SHALLOW);
        a.entries.add("in place");
        a.entries = new ArrayList<>();
        fields.restore(a, snap, Depth.SHALLOW);
        assertSame(original, a.entries);
        assertEquals(List.of("in place"), a.entries);
    }

    @Test
    void aFinalCollectionIsRestoredInPlace() throws Throwable {
        Account a = new Account();
        List<String> audit = a.audit;
        FieldSet fields = FieldSet.of(Account.class, List.of("audit"));
        Object[] snap = fields.capture(a, Depth.DEEP);
        a.audit.add("changed");
        assertEquals(List.of("audit"), fields.restore(a, snap, Depth.DEEP));
        assertSame(audit, a.audit);
        assertTrue(a.audit.isEmpty());
        assertEquals(List.of(), fields.restore(a, fields.capture(a, Depth.SHALLOW), Depth.SHALLOW),
                "shallow cannot restore a final field: its reference never changed");
    }

    @Test
    void inheritedAndStaticFieldsResolveAndAllOfSkipsTransientAndStatic() throws Throwable {
        Savings s = new Savings();
        FieldSet fields = FieldSet.of(Savings.class, List.of("rate", "balance", "opened"));
        Account.opened = 1;
        Object[] snap = fields.capture(s, Depth.DEEP);
        s.rate = 2;
        s.balance = 3;
        Account.opened = 7;
        fields.restore(s, snap, Depth.DEEP);
        assertEquals(0.0, s.rate);
        assertEquals(0, s.balance);
        assertEquals(1, Account.opened);

        assertEquals(List.of("rate", "entries", "balance", "audit"), FieldSet.allOf(Savings.class, false).names());
        assertEquals(List.of("opened"), FieldSet.allOf(Account.class, true).names());
        assertThrows(IllegalArgumentException.class, () -> FieldSet.of(Account.class, List.of("nope")));
    }

    /** Restores from two snapshots race; a reader under the same lock must never see them mixed. */
    @Test
    void concurrentRestoresNeverMixTwoSnapshots() throws Throwable {
        Account a = new Account();
        FieldSet fields = FieldSet.of(Account.class, List.of("entries", "balance"));
        a.entries = new ArrayList<>(List.of("one"));
        a.balance = 1;
        Object[] one = fields.capture(a, Depth.DEEP);
        a.entries = new ArrayList<>(List.of("two", "two"));
        a.balance = 2;
        Object[] two = fields.capture(a, Depth.DEEP);

        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (Object[] snap : List.of(one, two)) {
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 2000; i++) {
                        synchronized (ReceiverLocks.of(a)) {
                            fields.restore(a, snap, Depth.DEEP);
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }));
        }
        threads.add(new Thread(() -> {
            try {
                start.await();
                for (int i = 0; i < 2000; i++) {
                    Object[] seen;
                    synchronized (ReceiverLocks.of(a)) {
                        seen = fields.capture(a, Depth.SHALLOW);
                    }
                    if (((List<?>) seen[0]).size() != (Integer) seen[1]) {
                        throw new AssertionError("mixed snapshot: " + seen[0] + " / " + seen[1]);
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }));
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread t : threads) {
            t.join(60_000);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
