package io.selfheal.runtime.rules;

/**
 * The JVM's memory as the agent watches it ({@code heap-after-gc}, {@code gc-time}, the
 * reclaimers), installed by the memory part only when the config asks for it ({@code memory:}, or
 * a condition on these metrics). The policies, the MBean, {@code /metrics} and the retry of an
 * {@code OutOfMemoryError} read it through {@link #installed()}, which is {@code null} otherwise.
 * One per JVM, as the heap is.
 */
public abstract class JvmMemory {
    private static volatile JvmMemory installed;

    /** The memory watch at work, or {@code null}. */
    public static JvmMemory installed() {
        return installed;
    }

    /** Makes {@code memory} the one {@link #installed()} answers; {@code null} removes it. */
    public static void install(JvmMemory memory) {
        installed = memory;
    }

    /** Heap in use after the last collection over the maximum heap, 0-1; {@code NaN} before the first one. */
    public abstract double heapAfterGc();

    /** The fraction of wall time spent in collection pauses over the last window, 0-1. */
    public abstract double gcTime();

    /** Heap bytes in use after the last collection; -1 before the first one. */
    public abstract long heapAfterGcBytes();

    /** The maximum heap in bytes. */
    public abstract long maxHeapBytes();

    /** Collections seen since the watch started. */
    public abstract long collections();

    /** Times the reclaimers ran (one count per run of the list, whatever the trigger). */
    public abstract long reclaims();

    /** {@code memory-reclaimed} events that could not be formed (no memory for them) and were dropped. */
    public abstract long droppedEvents();

    /** The reclaimers' names, in order; empty without {@code memory:}. */
    public abstract java.util.List<String> reclaimerNames();

    /**
     * Asks the memory thread to run the reclaimers (all, or the one named) that are past their
     * cooldown, and returns at once.
     *
     * @param by who asks: {@code operator} (JMX), or {@code policy:<target>}
     * @throws IllegalArgumentException when {@code name} is no reclaimer, or there are none
     */
    public abstract void reclaim(String name, String by);

    /**
     * For the retry of an {@code OutOfMemoryError}, on the failing thread: has the memory thread run
     * every reclaimer and ask for a collection, and waits (bounded) until one has been seen.
     * Allocates nothing on the Java heap.
     *
     * @return true when a collection ended after the request
     */
    public abstract boolean relieveOutOfMemory();
}
