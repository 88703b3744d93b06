package io.selfheal.runtime.memory;

/**
 * What the collections said: the heap in use after the last one, over the maximum heap
 * ({@code heap-after-gc}), and the fraction of the last {@code window} spent in collection
 * pauses ({@code gc-time}). Written from the JVM's notification thread, read by the policies,
 * the MBean and {@code /metrics}; nothing is read on the application's call path.
 */
final class GcActivity {
    /** Pause end times and durations within the window, a ring kept small: collections are rare. */
    private final long[] endMillis = new long[256];
    private final long[] pauseMillis = new long[256];
    private int first;
    private int size;
    private final long windowMillis;
    private final long startMillis;
    private final long maxHeapBytes;
    private volatile long usedAfterBytes = -1;
    private volatile double heapAfterGc = Double.NaN;
    private volatile long collections;
    private volatile long explicitCollections;

    GcActivity(long maxHeapBytes, long windowMillis, long startMillis) {
        this.maxHeapBytes = maxHeapBytes;
        this.windowMillis = windowMillis;
        this.startMillis = startMillis;
    }

    /**
     * One collection ended.
     *
     * @param usedAfter heap bytes in use after it, summed over the heap pools; negative when it
     *     gives no figure (a pause within a concurrent cycle)
     * @param ratioAfter {@code heap-after-gc} after it (see {@link GcNotifications}); ignored with no figure
     * @param pauseMillisOfIt how long it stopped the application; 0 for a concurrent cycle
     * @param explicit true when {@code System.gc()} asked for it
     */
    synchronized void collected(long endMillisNow, long pauseMillisOfIt, long usedAfter, double ratioAfter,
            boolean explicit) {
        if (usedAfter >= 0) {
            usedAfterBytes = usedAfter;
            heapAfterGc = Math.min(1.0, ratioAfter);
        }
        if (explicit) {
            explicitCollections++;
        }
        if (pauseMillisOfIt > 0) {
            if (size == endMillis.length) {
                first = (first + 1) % endMillis.length;
                size--;
            }
            int at = (first + size) % endMillis.length;
            endMillis[at] = endMillisNow;
            pauseMillis[at] = pauseMillisOfIt;
            size++;
        }
        collections++;
    }

    long collections() {
        return collections;
    }

    /** Collections {@code System.gc()} asked for. */
    long explicitCollections() {
        return explicitCollections;
    }

    long usedAfterBytes() {
        return usedAfterBytes;
    }

    long maxHeapBytes() {
        return maxHeapBytes;
    }

    double heapAfterGc() {
        return heapAfterGc;
    }

    /** Pause time over the last window (or since the start, when that is shorter). */
    synchronized double gcTime(long nowMillis) {
        while (size > 0 && endMillis[first] <= nowMillis - windowMillis) {
            first = (first + 1) % endMillis.length;
            size--;
        }
        long paused = 0;
        for (int i = 0; i < size; i++) {
            paused += pauseMillis[(first + i) % endMillis.length];
        }
        long span = Math.min(windowMillis, nowMillis - startMillis);
        return span <= 0 ? 0.0 : Math.min(1.0, paused / (double) span);
    }
}
