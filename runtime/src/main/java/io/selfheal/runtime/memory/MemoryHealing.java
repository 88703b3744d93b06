package io.selfheal.runtime.memory;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.MemoryConfig;
import io.selfheal.runtime.config.ReclaimerEntry;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.events.FaultReporter;
import io.selfheal.runtime.rules.Condition;
import io.selfheal.runtime.rules.JvmMemory;
import io.selfheal.runtime.rules.Metric;
import io.selfheal.runtime.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JVM's memory, watched and given back. The collections' notifications keep
 * {@code heap-after-gc} and {@code gc-time} ({@link GcActivity}); with {@code memory:} a daemon
 * thread ({@code selfheal-memory}) runs the reclaimers when the {@code when} conditions hold after
 * a collection, when a policy says {@code reclaim}, and for the retry of an
 * {@code OutOfMemoryError}; each run is a {@code memory-reclaimed} event with the heap after the
 * next collection. Reclaimer classes are checked when they load ({@link #classLoaded}), in the
 * loader that loaded them.
 *
 * <p>The failing thread of an {@code OutOfMemoryError} only signals this thread and waits on a
 * monitor made at start: it allocates nothing. The event is formed here, after the collection;
 * should even that fail for want of memory, it is dropped and counted ({@link #droppedEvents}).
 */
public final class MemoryHealing extends JvmMemory {
    /** The window of {@code gc-time}. */
    public static final long GC_TIME_WINDOW_MILLIS = 10_000;
    /** How long a run waits for the collection after it before the event says "not seen". */
    private static final long AFTER_RUN_WAIT_MILLIS = 10_000;

    private final MemoryConfig config;
    private final EventSink events;
    private final FaultReporter faults;
    private final Clock clock;
    private final GcActivity activity;
    private final GcNotifications notifications;
    private final Reclaimers reclaimers;
    /** Reclaimer classes, in the form a class-load hook sees them ({@code com/acme/Cache}). */
    private final Set<String> watchedClasses = new HashSet<>();
    private final Map<String, ClassLoader> loadedIn = new ConcurrentHashMap<>();
    private static final ClassLoader BOOT = new ClassLoader(null) { };

    private final Object lock = new Object();
    private boolean pressure;
    private boolean checksDue;
    private final ConcurrentLinkedQueue<String[]> policyRequests = new ConcurrentLinkedQueue<>();
    private final AtomicLong oomRequested = new AtomicLong();
    private volatile long oomServed;
    /** The count of explicit collections, and of all collections, when the last request was served. */
    private volatile long oomServedAtCollection;
    private volatile long oomServedAtAnyCollection;
    private final AtomicLong reclaims = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;
    private Thread thread;

    MemoryHealing(MemoryConfig config, EventSink events, FaultReporter faults, Clock clock, long maxHeapBytes) {
        this.config = config;
        this.events = events;
        this.faults = faults;
        this.clock = clock;
        this.activity = new GcActivity(maxHeapBytes, GC_TIME_WINDOW_MILLIS, clock.currentTimeMillis());
        this.notifications = new GcNotifications(activity, new GcNotifications.Listener() {
            @Override
            public void collected() {
                onCollection();
            }

            @Override
            public void fault(Throwable t) {
                MemoryHealing.this.faults.report("memory: gc notification", t);
            }
        });
        this.reclaimers = config == null ? null
                : new Reclaimers(config.reclaimers(), config.cooldown().toMillis(), clock);
        if (config != null) {
            for (ReclaimerEntry e : config.reclaimers()) {
                watchedClasses.add(e.className().replace('.', '/'));
            }
        }
    }

    /**
     * Starts watching when the config asks ({@link AgentConfig#watchesMemory()}); returns null and
     * touches nothing otherwise. The memory thread is started only with {@code memory:}.
     */
    public static MemoryHealing startIfConfigured(AgentConfig config, EventSink events, FaultReporter faults,
            Clock clock) {
        if (!config.watchesMemory()) {
            return null;
        }
        MemoryHealing m = new MemoryHealing(config.memory(), events, faults, clock, GcNotifications.maxHeapBytes());
        m.notifications.register();
        if (m.reclaimers != null) {
            m.startThread();
        }
        JvmMemory.install(m);
        return m;
    }

    private void startThread() {
        Thread t = new Thread(new Runnable() {   // not a lambda: this runs in premain
            @Override
            public void run() {
                loop();
            }
        }, "selfheal-memory");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops the thread and the listeners (at shutdown). */
    public void stop() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        notifications.unregister();
        if (JvmMemory.installed() == this) {
            JvmMemory.install(null);
        }
    }

    // ---------------------------------------------------------------- class loading

    /** True when a class of this name is a reclaimer's: the class-load hook then calls {@link #classLoaded}. */
    public boolean watches(String internalName) {
        return watchedClasses.contains(internalName);
    }

    /**
     * A reclaimer's class is being loaded by {@code loader} (on the loading thread, inside the
     * load): noted here, checked on the memory thread once the class is defined.
     */
    public void classLoaded(String internalName, ClassLoader loader) {
        if (!watchedClasses.contains(internalName)) {
            return;
        }
        loadedIn.putIfAbsent(internalName.replace('/', '.'), loader == null ? BOOT : loader);
        synchronized (lock) {
            checksDue = true;
            lock.notifyAll();
        }
    }

    /** The reclaimer classes loaded before the watch started (an agent attached late, a JDK class). */
    public void alreadyLoaded(Class<?>[] classes) {
        if (reclaimers == null) {
            return;
        }
        for (Class<?> c : classes) {
            String internal = c.getName().replace('.', '/');
            if (watchedClasses.contains(internal)) {
                classLoaded(internal, c.getClassLoader());
            }
        }
    }

    private void checkLoadedClasses() {
        List<Reclaimer> all = reclaimers.all();
        for (int i = 0; i < all.size(); i++) {
            Reclaimer r = all.get(i);
            ClassLoader loader = loadedIn.get(r.entry().className());
            if (r.state() != Reclaimer.State.PENDING || loader == null) {
                continue;
            }
            String problem;
            try {
                Class<?> type = Class.forName(r.entry().className(), false, loader == BOOT ? null : loader);
                problem = r.resolve(type);
            } catch (ClassNotFoundException | LinkageError e) {
                problem = "reclaimer class " + r.entry().className() + " cannot be resolved: " + e;
            }
            if (problem != null) {
                reportProblem(i, r.entry(), problem);
            }
        }
    }

    private void reportProblem(int index, ReclaimerEntry e, String problem) {
        String key = "memory.reclaimers[" + index + "]." + e.kind().wireName();
        String where = e.location() == null ? "" : "line " + e.location().line() + ", column " + e.location().column()
                + ": ";
        System.err.println("[selfheal] config problem: " + where + key + " (reclaimer '" + e.name() + "'): " + problem
                + "; this reclaimer never runs");
        publish(Event.of(EventType.CONFIG_PROBLEM, clock.currentTimeMillis())
                .with("line", e.location() == null ? null : e.location().line())
                .with("column", e.location() == null ? null : e.location().column())
                .with("key", key).with("reclaimer", e.name()).message(problem));
    }

    // ---------------------------------------------------------------- triggers

    /** On the JVM's notification thread, after each collection. */
    private void onCollection() {
        synchronized (lock) {
            if (reclaimers != null && conditionsHold()) {
                pressure = true;
            }
            lock.notifyAll();
        }
    }

    private boolean conditionsHold() {
        for (Condition c : config.when()) {
            if (!c.holds(value(c.metric()))) {
                return false;
            }
        }
        return !config.when().isEmpty();
    }

    private double value(Metric m) {
        return m == Metric.HEAP_AFTER_GC ? heapAfterGc() : m == Metric.GC_TIME ? gcTime() : Double.NaN;
    }

    @Override
    public void reclaim(String name, String by) {
        if (reclaimers == null || reclaimers.all().isEmpty()) {
            throw new IllegalArgumentException("there are no reclaimers: the config has no 'memory.reclaimers'");
        }
        if (name != null && reclaimers.named(name) == null) {
            throw new IllegalArgumentException("no reclaimer named '" + name + "'; known: " + reclaimerNames());
        }
        policyRequests.add(new String[] {name, by, by.equals("operator") ? "operator" : "policy"});
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public boolean relieveOutOfMemory() {
        if (reclaimers == null || !running) {
            return false;
        }
        long ticket = oomRequested.incrementAndGet();
        long deadline = System.nanoTime() + config.collectionWait().toNanos();
        synchronized (lock) {
            lock.notifyAll();
            while (oomServed < ticket || activity.explicitCollections() <= oomServedAtCollection) {
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMillis <= 0) {
                    // no System.gc() collection seen (-XX:+DisableExplicitGC, say): any later one will do
                    return oomServed >= ticket && activity.collections() > oomServedAtAnyCollection;
                }
                try {
                    lock.wait(leftMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- the memory thread

    private void loop() {
        while (running) {
            boolean check;
            boolean underPressure;
            synchronized (lock) {
                while (running && !checksDue && !pressure && policyRequests.isEmpty()
                        && oomRequested.get() <= oomServed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                check = checksDue;
                checksDue = false;
                underPressure = pressure;
                pressure = false;
            }
            try {
                if (oomRequested.get() > oomServed) {
                    serveOutOfMemory();
                }
                if (check) {
                    checkLoadedClasses();
                }
                for (String[] request = policyRequests.poll(); request != null; request = policyRequests.poll()) {
                    runAndReport(request[0], request[2], request[1], false);
                }
                if (underPressure && reclaimers.anyDue(null)) {
                    runAndReport(null, "pressure", null, false);
                }
            } catch (OutOfMemoryError e) {
                dropped.incrementAndGet();   // this round is lost; the next collection or request starts another
            } catch (RuntimeException | LinkageError e) {
                faults.report("memory", e);
            }
        }
    }

    /** Every reclaimer, whatever its cooldown, then a collection the failing thread waits for. */
    private void serveOutOfMemory() {
        long ticket = oomRequested.get();
        Runtime runtime = Runtime.getRuntime();
        long before = runtime.totalMemory() - runtime.freeMemory();   // what the failed allocation found, not a stale figure
        double atTrigger = heapAfterGc();
        List<Reclaimers.Outcome> outcomes;
        try {
            outcomes = reclaimers.run(null, atTrigger, true);
        } catch (OutOfMemoryError e) {
            outcomes = null;   // the bookkeeping found no room; the reclaimers that ran still gave memory back
        }
        long collectionsBefore = activity.collections();
        oomServedAtAnyCollection = collectionsBefore;
        oomServedAtCollection = activity.explicitCollections();
        oomServed = ticket;
        System.gc();
        synchronized (lock) {
            lock.notifyAll();
        }
        reclaims.incrementAndGet();
        report("out-of-memory", null, outcomes, atTrigger, before, collectionsBefore, oomServedAtCollection);
    }

    private void runAndReport(String only, String trigger, String by, boolean ignoreCooldown) {
        long before = activity.usedAfterBytes();
        double atTrigger = heapAfterGc();
        List<Reclaimers.Outcome> outcomes = reclaimers.run(only, atTrigger, ignoreCooldown);
        boolean ran = false;
        for (Reclaimers.Outcome o : outcomes) {
            ran |= o.outcome().equals("ok") || o.outcome().equals("failed");
        }
        if (!ran && trigger.equals("pressure")) {
            return;
        }
        long collectionsBefore = activity.collections();
        long explicitBefore = config.collectAfter() ? activity.explicitCollections() : -1;
        if (ran) {
            reclaims.incrementAndGet();
            if (config.collectAfter()) {
                System.gc();
            }
        }
        report(trigger, by, outcomes, atTrigger, before, ran ? collectionsBefore : -1, explicitBefore);
    }

    /**
     * Waits (bounded) for the collection after the run: the one {@code System.gc()} asked for when
     * {@code explicitBefore} is not negative, else any after {@code collectionsBefore} (none when
     * that is negative); then writes the event. With no memory for it, the event is dropped and counted.
     */
    private void report(String trigger, String by, List<Reclaimers.Outcome> outcomes, double atTrigger, long before,
            long collectionsBefore, long explicitBefore) {
        boolean collected = collectionsBefore >= 0 && awaitCollectionAfter(collectionsBefore, explicitBefore);
        try {
            long after = activity.usedAfterBytes();
            List<Object> each = new ArrayList<>();
            StringBuilder summary = new StringBuilder();
            if (outcomes != null) {
                for (Reclaimers.Outcome o : outcomes) {
                    each.add(o.toMap());
                    summary.append(summary.length() == 0 ? "" : ", ").append(o.name()).append(' ').append(o.outcome())
                            .append(o.outcome().equals("ok") || o.outcome().equals("failed") ? " " + o.durationMs()
                                    + "ms" : "");
                    if (o.outcome().equals("failed")) {
                        System.err.println("[selfheal] reclaimer '" + o.name() + "' threw " + o.error()
                                + "; the others still ran");
                    }
                }
            }
            Long freed = collected && before >= 0 ? Math.max(0, before - after) : null;
            List<String> conditions = new ArrayList<>();
            for (Condition c : config.when()) {
                conditions.add(c.describe(trigger.equals("pressure") ? value(c.metric()) : Double.NaN));
            }
            Event e = Event.of(EventType.MEMORY_RECLAIMED, clock.currentTimeMillis()).with("trigger", trigger)
                    .with("by", by).with("reclaimers", outcomes == null ? null : each)
                    .with("heapAfterGcBefore", round(atTrigger)).with("heapBeforeBytes", before < 0 ? null : before)
                    .with("collected", collected).with("heapAfterBytes", collected ? after : null)
                    .with("freedBytes", freed).with("heapAfterGc", collected ? round(heapAfterGc()) : null)
                    .with("maxHeapBytes", activity.maxHeapBytes())
                    .with("conditions", trigger.equals("pressure") ? conditions : null)
                    .message((trigger.equals("out-of-memory") ? "OutOfMemoryError: " : trigger + ": ") + summary
                            + (freed == null ? "; no collection seen after it" : "; " + freed + " bytes freed, heap"
                                    + " after gc " + String.format(Locale.ROOT, "%.0f%%", heapAfterGc() * 100)));
            events.publish(e);
        } catch (OutOfMemoryError noRoom) {
            dropped.incrementAndGet();
        } catch (RuntimeException fault) {
            faults.report("event-writing", fault);
        }
    }

    private boolean awaitCollectionAfter(long collectionsBefore, long explicitBefore) {
        long deadline = System.nanoTime() + AFTER_RUN_WAIT_MILLIS * 1_000_000;
        synchronized (lock) {
            while (explicitBefore >= 0 ? activity.explicitCollections() <= explicitBefore
                    : activity.collections() <= collectionsBefore) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0 || !running) {
                    return activity.collections() > collectionsBefore;   // not the one asked for: the latest
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private void publish(Event e) {
        try {
            events.publish(e);
        } catch (RuntimeException fault) {
            faults.report("event-writing", fault);
        }
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
    }

    // ---------------------------------------------------------------- readings

    @Override
    public double heapAfterGc() {
        return activity.heapAfterGc();
    }

    @Override
    public double gcTime() {
        return activity.gcTime(System.currentTimeMillis());
    }

    @Override
    public long heapAfterGcBytes() {
        return activity.usedAfterBytes();
    }

    @Override
    public long maxHeapBytes() {
        return activity.maxHeapBytes();
    }

    @Override
    public long collections() {
        return activity.collections();
    }

    @Override
    public long reclaims() {
        return reclaims.get();
    }

    @Override
    public long droppedEvents() {
        return dropped.get();
    }

    @Override
    public List<String> reclaimerNames() {
        List<String> names = new ArrayList<>();
        if (reclaimers != null) {
            for (Reclaimer r : reclaimers.all()) {
                names.add(r.name());
            }
        }
        return names;
    }
}
