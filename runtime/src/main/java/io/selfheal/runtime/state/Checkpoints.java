package io.selfheal.runtime.state;

import io.selfheal.runtime.config.CheckpointsConfig;
import io.selfheal.runtime.config.RestoreConfig.Depth;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The {@code checkpoints:} block at work: the classes it names (as the weaver meets them), the
 * instances of them seen since, and the last {@code keep} checkpoints. A checkpoint is taken on
 * demand (JMX) and, when {@code interval} is set, by one daemon thread; it is restored on demand
 * or by a target's {@code restore-checkpoint}.
 *
 * <p>Restoring puts each tracked class's static fields and each captured instance that is still
 * alive back as they were; instances created after the checkpoint are left as they are. Each
 * object is restored under its {@link ReceiverLocks} lock (taken by {@link FieldSet}), as a restore after a
 * failed call is.
 */
public final class Checkpoints implements io.selfheal.bootstrap.Instances.Listener {
    private final CheckpointsConfig config;
    private final EventSink events;
    private final LongSupplier clockMillis;
    private final BiConsumer<String, Throwable> faults;
    private final AtomicLong sequence = new AtomicLong();
    private final Deque<Checkpoint> kept = new ArrayDeque<>();
    private volatile TrackedClass[] tracked = new TrackedClass[0];
    private ScheduledExecutorService scheduler;

    public Checkpoints(CheckpointsConfig config, EventSink events, LongSupplier clockMillis,
            BiConsumer<String, Throwable> faults) {
        this.config = config;
        this.events = events;
        this.clockMillis = clockMillis;
        this.faults = faults;
    }

    public CheckpointsConfig config() {
        return config;
    }

    /**
     * The weaver met a tracked class in {@code loader}; {@code fields} are those found to exist.
     *
     * @return the id its constructors pass to {@link #seen}
     */
    public synchronized int classWoven(String className, ClassLoader loader, List<String> fields) {
        TrackedClass[] now = tracked;
        for (TrackedClass t : now) {
            if (t.className().equals(className) && t.sameLoader(loader)) {
                return t.id();   // retransformed: same class, same instances
            }
        }
        TrackedClass t = new TrackedClass(now.length, className, loader, fields);
        TrackedClass[] next = Arrays.copyOf(now, now.length + 1);
        next[t.id()] = t;
        tracked = next;
        return t.id();
    }

    /** A constructor of a tracked class finished. */
    @Override
    public void seen(int trackedId, Object instance) {
        TrackedClass[] now = tracked;
        if (trackedId >= 0 && trackedId < now.length && instance != null) {
            now[trackedId].instances().add(instance);
        }
    }

    /** Takes a checkpoint now; {@code trigger} says who asked (interval, jmx, a test). */
    public Checkpoint create(String trigger) {
        long now = clockMillis.getAsLong();
        String id = "cp-" + now + "-" + sequence.incrementAndGet();
        List<Checkpoint.ClassState> states = new ArrayList<>();
        int fields = 0;
        for (TrackedClass t : tracked) {
            Checkpoint.ClassState s = capture(t);
            if (s != null) {
                states.add(s);
                fields += t.fieldNames().size();
            }
        }
        Checkpoint cp = new Checkpoint(id, now, List.copyOf(states));
        synchronized (kept) {
            kept.addLast(cp);
            while (kept.size() > config.keep()) {
                kept.removeFirst();
            }
        }
        publish(Event.of(EventType.CHECKPOINT_CREATED, now).with("id", id).with("trigger", trigger)
                .with("classes", states.size()).with("instances", cp.instanceCount()).with("fields", fields));
        return cp;
    }

    /**
     * Restores checkpoint {@code id}.
     *
     * @throws IllegalArgumentException when there is no such checkpoint (nothing is changed)
     */
    public Checkpoint restore(String id, String trigger) {
        Checkpoint cp = find(id);
        if (cp == null) {
            throw new IllegalArgumentException("no checkpoint '" + id + "'; kept: " + ids() + " (nothing was restored)");
        }
        apply(cp, trigger, null);
        return cp;
    }

    /**
     * Restores the latest checkpoint; {@code null} when none has been taken yet.
     *
     * @param target the target whose failure asked for it (named in the event), or null
     */
    public Checkpoint restoreLatest(String trigger, String target) {
        Checkpoint cp;
        synchronized (kept) {
            cp = kept.peekLast();
        }
        if (cp != null) {
            apply(cp, trigger, target);
        }
        return cp;
    }

    public Checkpoint latest() {
        synchronized (kept) {
            return kept.peekLast();
        }
    }

    /** The ids kept, oldest first. */
    public List<String> ids() {
        List<String> out = new ArrayList<>();
        synchronized (kept) {
            kept.forEach(c -> out.add(c.id()));
        }
        return out;
    }

    private Checkpoint find(String id) {
        synchronized (kept) {
            for (Checkpoint c : kept) {
                if (c.id().equals(id)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** Starts the daemon that takes a checkpoint every {@code interval}; nothing without one. */
    public synchronized void startSchedule() {
        if (config.interval() == null || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "selfheal-checkpoints");
            t.setDaemon(true);
            return t;
        });
        long every = config.interval().toMillis();
        scheduler.scheduleAtFixedRate(() -> {
            try {
                create("interval");
            } catch (Throwable t) {
                faults.accept("checkpoint", t);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    public synchronized void stopSchedule() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    // ------------------------------------------------------------------ capture and restore

    private Checkpoint.ClassState capture(TrackedClass t) {
        try {
            TrackedClass.Resolved r = t.resolve();
            if (r == null) {
                return null;
            }
            Depth depth = config.depth();
            Object[] statics = null;
            if (!r.statics().isEmpty()) {
                statics = r.statics().capture(null, depth);
            }
            List<Checkpoint.InstanceState> instances = new ArrayList<>();
            if (!r.instanceFields().isEmpty()) {
                for (Object o : t.instances().live()) {
                    Object[] values = r.instanceFields().capture(o, depth);
                    instances.add(new Checkpoint.InstanceState(new WeakReference<>(o), values));
                }
            }
            return new Checkpoint.ClassState(t, statics, List.copyOf(instances));
        } catch (ClassNotFoundException notLoaded) {
            return null;
        } catch (Throwable e) {
            faults.accept("checkpoint " + t.className(), e);
            return null;
        }
    }

    private void apply(Checkpoint cp, String trigger, String target) {
        Depth depth = config.depth();
        int instances = 0;
        for (Checkpoint.ClassState s : cp.states()) {
            try {
                TrackedClass.Resolved r = s.tracked().resolve();
                if (r == null) {
                    continue;
                }
                if (s.statics() != null) {
                    r.statics().restore(null, s.statics(), depth);
                }
                for (Checkpoint.InstanceState i : s.instances()) {
                    Object o = i.instance().get();
                    if (o != null) {
                        r.instanceFields().restore(o, i.values(), depth);
                        instances++;
                    }
                }
            } catch (Throwable e) {
                faults.accept("checkpoint restore " + s.tracked().className(), e);
            }
        }
        publish(Event.of(EventType.CHECKPOINT_RESTORED, clockMillis.getAsLong()).target(target).with("id", cp.id())
                .with("trigger", trigger).with("checkpointTs", java.time.Instant.ofEpochMilli(cp.timestampMillis()).toString())
                .with("classes", cp.states().size()).with("instances", instances));
    }

    private void publish(Event e) {
        try {
            events.publish(e);
        } catch (RuntimeException fault) {
            faults.accept("event-writing", fault);
        }
    }
}
