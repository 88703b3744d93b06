package io.selfheal.runtime.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * An exact counter whose increment, for a thread that owns a cell, is a plain load and store: no
 * atomic read-modify-write, no lock, no allocation. This is the success path's call counter; a
 * {@link LongAdder} there costs one {@code lock cmpxchg} per call, which on a virtual machine is
 * most of what a woven call adds.
 *
 * <p>A thread is mapped to a cell by its id. The first time a thread increments, it claims the
 * free cell its id maps to (one allocation per thread and counter); from then on only that thread
 * writes the cell, so its plain increments never lose a count. A thread whose cell is held by
 * another live thread counts in a shared {@link LongAdder} instead: slower, never wrong. A cell
 * whose owner has died is folded into the total and freed by {@link #sum}, under this object's
 * lock, so every increment is counted exactly once however readers and claimers interleave.
 *
 * <p>{@link #sum} is exact for increments that happen-before it (a joined thread's, for
 * example); increments racing with it may or may not be included, as with {@link LongAdder}.
 */
public final class ThreadCellCounter {
    /** A power of two: enough for the threads that call one target at the same time. */
    private static final int CELLS = 32;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Cell[].class);

    private final Cell[] cells = new Cell[CELLS];
    private final LongAdder shared = new LongAdder();
    /** Counts of cells whose owners died; guarded by this. */
    private long retired;

    public void increment() {
        add(1);
    }

    public void add(long n) {
        long id = Thread.currentThread().getId();
        Cell cell = (Cell) SLOT.getAcquire(cells, (int) id & (CELLS - 1));
        if (cell != null && cell.ownerId == id) {
            cell.add(n);
        } else {
            addSlowly(id, n);
        }
    }

    private void addSlowly(long id, long n) {
        int slot = (int) id & (CELLS - 1);
        if (SLOT.getAcquire(cells, slot) == null) {
            Cell mine = new Cell(Thread.currentThread());
            if (SLOT.compareAndSet(cells, slot, null, mine)) {
                mine.add(n);
                return;
            }
        }
        shared.add(n);
    }

    /** The count: every increment that happened-before this call, exactly once. */
    public synchronized long sum() {
        long total = retired + shared.sum();
        for (int i = 0; i < CELLS; i++) {
            Cell cell = (Cell) SLOT.getAcquire(cells, i);
            if (cell == null) {
                continue;
            }
            if (cell.ownerGone()) {
                // Its owner will never write it again: fold its count in and free the slot.
                long value = cell.value();
                retired += value;
                SLOT.setRelease(cells, i, null);
            }
            total += cell.value();
        }
        return total;
    }

    @Override
    public String toString() {
        return Long.toString(sum());
    }

    /** One thread's count, written only by that thread. */
    private static final class Cell {
        private static final VarHandle VALUE;

        static {
            try {
                VALUE = MethodHandles.lookup().findVarHandle(Cell.class, "value", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final long ownerId;
        /** Weak: a counter must not keep a dead thread (and its context class loader) reachable. */
        private final WeakReference<Thread> owner;
        @SuppressWarnings("unused")   // through VALUE
        private long value;

        Cell(Thread owner) {
            this.ownerId = owner.getId();
            this.owner = new WeakReference<>(owner);
        }

        /** Called by the owner only: a plain read and a release store, no read-modify-write. */
        void add(long n) {
            VALUE.setRelease(this, (long) VALUE.get(this) + n);
        }

        long value() {
            return (long) VALUE.getAcquire(this);
        }

        /** True once the owner has terminated: its last write happened-before this answer. */
        boolean ownerGone() {
            Thread t = owner.get();
            return t == null || !t.isAlive();
        }
    }
}
