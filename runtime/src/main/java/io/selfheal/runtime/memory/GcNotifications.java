package io.selfheal.runtime.memory;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Hears every collection through the {@code GarbageCollectorMXBean}s' notifications and hands the
 * heap in use after it (summed over the heap pools) to {@link GcActivity}. The usage after each
 * collection is what rises as the heap fills: a pool's own collection usage does not always (on
 * JDK 17 with G1 the old generation's stays at 0 until a mixed or full collection).
 */
final class GcNotifications implements NotificationListener {
    /** Told after each collection was recorded, on the JVM's notification thread. */
    interface Listener {
        void collected();

        /** A fault of the agent's own while hearing a collection: reported, never thrown at the JVM's thread. */
        void fault(Throwable t);
    }

    private final GcActivity activity;
    private final Listener listener;
    private final Set<String> heapPools = new HashSet<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();

    GcNotifications(GcActivity activity, Listener listener) {
        this.activity = activity;
        this.listener = listener;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
    }

    /** The heap's maximum: what {@code -Xmx} allows ({@link Runtime#maxMemory()}). */
    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /** Registers on every collector; returns their names. */
    List<String> register() {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
                names.add(gc.getName());
            }
        }
        return names;
    }

    void unregister() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(this);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
        emitters.clear();
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        try {
            heard(n);
        } catch (RuntimeException | LinkageError e) {
            listener.fault(e);
        }
    }

    private void heard(Notification n) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        GcInfo gc = info.getGcInfo();
        String name = info.getGcName();
        // ZGC and Shenandoah report their pauses apart from their cycles: only a cycle's end says what is left.
        boolean pauseOfACycle = name.contains("Pauses");
        boolean concurrent = name.contains("Concurrent") || name.contains("Cycles");
        Map<String, MemoryUsage> after = gc.getMemoryUsageAfterGc();
        long used = pauseOfACycle ? -1 : usedOnHeap(after);
        activity.collected(System.currentTimeMillis(), concurrent ? 0 : Math.max(gc.getDuration(), 0), used,
                pauseOfACycle ? Double.NaN : ratio(after, used), explicitFull(info));
        listener.collected();
    }

    /**
     * The full collection {@code System.gc()} asked for: with Parallel on JDK 17 a young one with the
     * same cause comes first, which leaves the old generation (and what the reclaimers dropped there) as it was.
     */
    private static boolean explicitFull(GarbageCollectionNotificationInfo info) {
        return "System.gc()".equals(info.getGcCause()) && "end of major GC".equals(info.getGcAction());
    }

    /** The heap bytes in use after the collection: the sum over the heap pools. */
    private long usedOnHeap(Map<String, MemoryUsage> after) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : after.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        return used;
    }

    /**
     * {@code heap-after-gc}: the heap in use over the maximum heap, or, when it is fuller, the old
     * generation over its own maximum. Serial and Parallel keep a young generation of fixed share,
     * so their old one fills (and the next promotion fails) while the heap as a whole is far from
     * full; with G1 the old generation's maximum is the heap's, so the first figure decides.
     */
    private double ratio(Map<String, MemoryUsage> after, long used) {
        long max = activity.maxHeapBytes();
        double ratio = max > 0 ? used / (double) max : Double.NaN;
        for (Map.Entry<String, MemoryUsage> e : after.entrySet()) {
            MemoryUsage u = e.getValue();
            if (heapPools.contains(e.getKey()) && isOldGeneration(e.getKey()) && u.getMax() > 0) {
                ratio = Math.max(ratio, u.getUsed() / (double) u.getMax());
            }
        }
        return ratio;
    }

    /** G1 Old Gen, PS Old Gen, Tenured Gen, ZGC Old Generation, ... */
    static boolean isOldGeneration(String pool) {
        return pool.contains("Old") || pool.contains("Tenured");
    }
}
