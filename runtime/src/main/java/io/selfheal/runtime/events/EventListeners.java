package io.selfheal.runtime.events;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The application's in-process listeners ({@code SelfHeal.onEvent}): every event of the healing
 * log, handed to them as a map of its fields on one daemon thread ({@code selfheal-listeners}), in
 * the order published, never on the thread that caused it. The queue is bounded: when the
 * listeners fall behind, events are dropped and counted rather than the application made to wait.
 * A listener that throws is reported as an agent fault (once per kind, as every fault is) and keeps
 * its subscription; nothing it does reaches the application.
 *
 * <p>Until the first subscription this sink does nothing but read one volatile field per event:
 * no thread, no queue work.
 */
public final class EventListeners implements EventSink {
    /** How many events may wait for the listener thread before new ones are dropped. */
    static final int QUEUE_CAPACITY = 8192;

    private final FaultReporter faults;
    private final int capacity;
    /** False in unit tests, which hand the queue on with {@link #deliverQueued}. */
    private final boolean ownThread;
    /** Made at the first subscription, before the volatile write that publishes it. */
    private BlockingQueue<Event> queue;
    private final AtomicLong dropped = new AtomicLong();
    /** Replaced whole on each change; the publishing threads read it without a lock. */
    private volatile Subscription[] subscriptions = new Subscription[0];
    private Thread thread;

    public EventListeners(FaultReporter faults) {
        this(faults, QUEUE_CAPACITY, true);
    }

    EventListeners(FaultReporter faults, int capacity, boolean ownThread) {
        this.faults = faults;
        this.capacity = capacity;
        this.ownThread = ownThread;
    }

    /**
     * @param target the target whose events are wanted; {@code null} for all
     * @param types the event types wanted (wire names such as {@code retry}); null or empty for all
     * @return closing it ends the subscription (later events are not handed to the listener)
     * @throws IllegalArgumentException for a type the healing log has not, naming the ones it has
     */
    public synchronized AutoCloseable subscribe(String target, Collection<String> types,
            Consumer<Map<String, Object>> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        checkTypes(types);
        if (queue == null) {
            queue = new ArrayBlockingQueue<>(capacity);
        }
        Subscription s = new Subscription(target, types == null || types.isEmpty() ? null : Set.copyOf(types), listener);
        Subscription[] now = subscriptions;
        Subscription[] next = java.util.Arrays.copyOf(now, now.length + 1);
        next[now.length] = s;
        subscriptions = next;
        if (thread == null && ownThread) {
            thread = new Thread(this::deliverForever, "selfheal-listeners");
            thread.setDaemon(true);
            thread.start();
        }
        return s;
    }

    /** A misspelt type would never be heard: said at once, to the code that subscribes. */
    private static void checkTypes(Collection<String> types) {
        if (types == null) {
            return;
        }
        java.util.List<String> known = new java.util.ArrayList<>();
        for (EventType t : EventType.values()) {
            known.add(t.wireName());
        }
        for (String type : types) {
            if (!known.contains(type)) {
                throw new IllegalArgumentException("no event type '" + type + "' in the healing log; its types are "
                        + String.join(", ", known));
            }
        }
    }

    private synchronized void unsubscribe(Subscription s) {
        Subscription[] now = subscriptions;
        int at = -1;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == s) {
                at = i;
            }
        }
        if (at < 0) {
            return;
        }
        Subscription[] next = new Subscription[now.length - 1];
        System.arraycopy(now, 0, next, 0, at);
        System.arraycopy(now, at + 1, next, at, now.length - at - 1);
        subscriptions = next;
    }

    /** Events dropped because the listeners' queue was full. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void publish(Event event) {
        if (subscriptions.length == 0) {
            return;
        }
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    private void deliverForever() {
        while (true) {
            Event e;
            try {
                e = queue.take();
            } catch (InterruptedException stop) {
                return;
            }
            deliver(e);
        }
    }

    /** Delivers what is queued on the calling thread: for tests, which start no listener thread. */
    void deliverQueued() {
        Event e;
        while ((e = queue.poll()) != null) {
            deliver(e);
        }
    }

    /** Hands one event to every subscription that wants it. */
    void deliver(Event e) {
        Map<String, Object> fields = null;
        String type = e.type().wireName();
        Object target = e.get("target");
        for (Subscription s : subscriptions) {
            if (!s.wants(type, target)) {
                continue;
            }
            if (fields == null) {
                fields = fieldsOf(e);
            }
            try {
                s.listener.accept(fields);
            } catch (Throwable t) {
                faults.report("event-listener", t);
            }
        }
    }

    /** The event as the healing log's line has it: ts, type, then its fields; read-only. */
    static Map<String, Object> fieldsOf(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        StringBuilder ts = new StringBuilder(24);
        IsoInstant.append(e.timestampMillis(), ts);
        m.put("ts", ts.toString());
        m.put("type", e.type().wireName());
        m.putAll(e.fields());
        return Collections.unmodifiableMap(m);
    }

    private final class Subscription implements AutoCloseable {
        final String target;
        final Set<String> types;
        final Consumer<Map<String, Object>> listener;

        Subscription(String target, Set<String> types, Consumer<Map<String, Object>> listener) {
            this.target = target;
            this.types = types;
            this.listener = listener;
        }

        boolean wants(String type, Object eventTarget) {
            return (target == null || target.equals(eventTarget)) && (types == null || types.contains(type));
        }

        @Override
        public void close() {
            unsubscribe(this);
        }
    }
}
