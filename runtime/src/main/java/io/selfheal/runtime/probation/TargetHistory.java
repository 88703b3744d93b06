package io.selfheal.runtime.probation;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The readings of one target over the last {@code capacity} samples, so that {@code before} (the
 * metric over the same length of time just before a patch) can be read when a patch arrives. A
 * reading is a few counters; only every {@code latencyEvery}-th keeps the latency histogram (160
 * counts), which bounds the memory a latency-measuring target costs. Before the first reading
 * there is the origin: nothing counted, when the counters started.
 */
final class TargetHistory {
    private final int capacity;
    private final int latencyEvery;
    private final Reading origin;
    private final ArrayDeque<Reading> readings = new ArrayDeque<>();
    private long added;

    TargetHistory(int capacity, int latencyEvery, long originMillis) {
        this.capacity = capacity;
        this.latencyEvery = latencyEvery;
        this.origin = Reading.origin(originMillis);
    }

    /** Adds a reading (taken with its latency histogram); keeps the histogram only on every latencyEvery-th. */
    void add(Reading r) {
        readings.addLast(added++ % latencyEvery == 0 ? r : r.withoutLatency());
        if (readings.size() > capacity) {
            readings.removeFirst();
        }
    }

    /**
     * The newest reading taken at or before {@code millis} (one with a latency histogram when
     * {@code needLatency}); when none is that old, the oldest there is, or the origin.
     */
    Reading atOrBefore(long millis, boolean needLatency) {
        Reading oldest = null;
        Iterator<Reading> newestFirst = readings.descendingIterator();
        while (newestFirst.hasNext()) {
            Reading r = newestFirst.next();
            if (needLatency && r.latency() == null) {
                continue;
            }
            if (r.atMillis() <= millis) {
                return r;
            }
            oldest = r;
        }
        // the counters started at the origin, so it stands for any time before the first reading
        return readings.size() < capacity ? origin : (oldest == null ? origin : oldest);
    }
}
