package io.selfheal.runtime.engine;

import io.selfheal.bootstrap.ReentryGuard;
import io.selfheal.runtime.time.Clock;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One drill running on one target: which calls it touches, and what became of each touched call.
 * A call is touched at its entry (one in every {@code 1/rate} calls, counted, not drawn, so a cap
 * holds exactly); the pipeline then tells the drill how the call ended: healed (by which
 * strategy), or not (the fault reached the caller). The drill ends at its time, after its number
 * of touched calls, or when asked; it stops touching at once, waits (a bounded while) for the
 * touched calls still running, and then its report is final.
 */
public final class Drill {
    private final TargetRuntime target;
    private final DrillSpec spec;
    /** The rate and duration in force: the request's, capped by {@code drills:}. */
    private final double rate;
    private final long forNanos;
    private final Clock clock;
    private final long startNanos;
    private final long startMillis;

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong touched = new AtomicLong();
    private final AtomicLong healed = new AtomicLong();
    private final AtomicLong unhealed = new AtomicLong();
    private final AtomicLong untouchedFailures = new AtomicLong();
    /** Touched calls not yet ended. */
    private final AtomicLong inFlight = new AtomicLong();
    private final Map<String, AtomicLong> healedBy = new ConcurrentHashMap<>();
    private final HealTimes healTimes = new HealTimes();
    /** {@code --return}'s literal as each site's return type, converted once per site. */
    private final Map<Integer, Object> returnValues = new ConcurrentHashMap<>();

    /** Set the moment the drill is to end: no call is touched after it. */
    private volatile boolean stopping;
    private String endReason;   // guarded by this
    private volatile DrillReport finalReport;
    private final CountDownLatch finished = new CountDownLatch(1);
    private boolean finishing;   // guarded by this
    private long graceUntil = Long.MAX_VALUE;   // guarded by this

    Drill(TargetRuntime target, DrillSpec spec, double rate, long forNanos, Clock clock) {
        this.target = target;
        this.spec = spec;
        this.rate = rate;
        this.forNanos = forNanos;
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        this.startMillis = clock.currentTimeMillis();
    }

    public DrillSpec spec() {
        return spec;
    }

    public TargetRuntime target() {
        return target;
    }

    double rate() {
        return rate;
    }

    long forNanos() {
        return forNanos;
    }

    // ---------------------------------------------------------------- at a call's entry

    /**
     * Counts a call of the target and says whether the drill touches it. A touched call must be
     * ended by exactly one of {@link #healed}, {@link #unhealed} or {@link #dropped}.
     */
    boolean touches() {
        if (stopping) {
            return false;
        }
        long n = calls.incrementAndGet();
        if (rate < 1.0 && (long) (n * rate) == (long) ((n - 1) * rate)) {
            return false;
        }
        inFlight.incrementAndGet();   // before the second look at stopping: the end waits for this call
        long limit = spec.calls();
        long k = touched.incrementAndGet();
        if (stopping || limit > 0 && k > limit) {
            touched.decrementAndGet();
            callEnded();
            return false;
        }
        if (k == limit) {
            requestEnd("calls");
        }
        return true;
    }

    /** A call not touched whose body failed while the drill ran. */
    void untouchedFailure() {
        if (!stopping) {
            untouchedFailures.incrementAndGet();
        }
    }

    // ---------------------------------------------------------------- how a touched call ended

    void healed(CallState call, String strategy) {
        if (!claim(call)) {
            return;
        }
        healTimes.add(TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - call.drillStartNanos));
        healedBy.computeIfAbsent(strategy, k -> new AtomicLong()).incrementAndGet();
        healed.incrementAndGet();
        callEnded();
    }

    void unhealed(CallState call) {
        if (!claim(call)) {
            return;
        }
        unhealed.incrementAndGet();
        callEnded();
    }

    /** The call was touched but nothing was injected after all (the agent could not): not counted. */
    void dropped(CallState call) {
        if (!claim(call)) {
            return;
        }
        touched.decrementAndGet();
        callEnded();
    }

    /** True once per touched call of this drill: its end is told here, and only once. */
    private boolean claim(CallState call) {
        if (call.drill != this) {
            return false;
        }
        call.drill = null;
        return true;
    }

    private void callEnded() {
        if (inFlight.decrementAndGet() == 0 && stopping) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    // ---------------------------------------------------------------- the fault itself

    /** {@code --throw}'s exception, made in the woven class's own loader with the message. */
    Throwable newFault(Site site) throws ReflectiveOperationException {
        ClassLoader loader = site.loader();
        Class<?> type = Class.forName(spec.exceptionClass(), true, loader);
        if (!Throwable.class.isAssignableFrom(type)) {
            throw new ClassCastException(spec.exceptionClass() + " is not a Throwable");
        }
        boolean began = ReentryGuard.begin();   // its constructor is the application's code, maybe woven
        try {
            String message = spec.message();
            if (message == null) {
                try {
                    return (Throwable) type.getConstructor().newInstance();
                } catch (NoSuchMethodException none) {
                    // fall through to the message constructor, with no message
                }
            }
            Constructor<?> withMessage = type.getConstructor(String.class);
            return (Throwable) withMessage.newInstance(message);
        } finally {
            ReentryGuard.end(began);
        }
    }

    /** {@code --return}'s literal as the site's return type, as fallback literals are converted. */
    Object returnValue(Site site) throws ClassNotFoundException {
        Object v = returnValues.get(site.id());
        if (v == null) {
            Class<?> type = Types.forDescriptor(Types.returnDescriptor(site.descriptor()), site.loader());
            Object converted = ValueConverter.convert(literal(spec.literal()), type);
            v = converted == null ? NULL : converted;
            returnValues.put(site.id(), v);
        }
        return v == NULL ? null : v;
    }

    private static final Object NULL = new Object();

    /** A literal as YAML would read a plain scalar: null, a boolean, a whole or decimal number, or text. */
    static Object literal(String text) {
        String t = text.trim();
        if (t.equals("null") || t.equals("~")) {
            return null;
        }
        if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
        }
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
            return t.substring(1, t.length() - 1);
        }
        if (t.matches("[-+]?[0-9]+")) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException tooLong) {
                return t;
            }
        }
        if (t.matches("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+")) {
            return Double.parseDouble(t);
        }
        return text;
    }

    // ---------------------------------------------------------------- the end

    /** Asks the drill to end (the first reason given stands); touching stops at once. */
    void requestEnd(String reason) {
        stopping = true;
        target.drillEnded(this);
        synchronized (this) {
            if (endReason == null) {
                endReason = reason;
            }
            notifyAll();
        }
    }

    /** Waits until the drill is asked to end or its time is up; on the drill's own thread. */
    void awaitEnd() {
        long deadline = System.nanoTime() + forNanos;
        synchronized (this) {
            while (endReason == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    break;
                }
            }
        }
        requestEnd("time");
    }

    /**
     * After the end was asked: waits up to {@code graceMillis} (or less, see {@link #hurry}) for the
     * touched calls still running, then makes the final report. Only the first caller does this;
     * any other gets {@code null}.
     */
    DrillReport finish(long graceMillis) {
        synchronized (this) {
            if (finishing) {
                return null;
            }
            finishing = true;
            graceUntil = Math.min(graceUntil, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis));
            while (inFlight.get() > 0) {
                long left = graceUntil - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        String reason;
        synchronized (this) {
            reason = endReason;
        }
        DrillReport r = snapshot(reason);
        finalReport = r;
        return r;
    }

    /** Shortens the wait for touched calls to {@code millis} from now (the JVM is exiting). */
    synchronized void hurry(long millis) {
        graceUntil = Math.min(graceUntil, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
        notifyAll();
    }

    /** The final report is published: those waiting for it may go on. */
    void published() {
        finished.countDown();
    }

    /** True once {@link #finish} made the final report. */
    public boolean isFinished() {
        return finalReport != null;
    }

    /** Waits for the final report, up to {@code millis}; {@code null} if it is not made by then. */
    public DrillReport awaitReport(long millis) throws InterruptedException {
        finished.await(millis, TimeUnit.MILLISECONDS);
        return finalReport;
    }

    /** The final report once made, else the counts so far ({@code ended} null until the report is final). */
    public DrillReport report() {
        DrillReport done = finalReport;
        return done != null ? done : snapshot(null);
    }

    private DrillReport snapshot(String reason) {
        Map<String, Long> by = new TreeMap<>();
        for (Map.Entry<String, AtomicLong> e : healedBy.entrySet()) {
            by.put(e.getKey(), e.getValue().get());
        }
        long[] p = healTimes.percentiles(0.50, 0.99);
        return new DrillReport(target.name(), spec.describe(), rate, TimeUnit.NANOSECONDS.toMillis(forNanos),
                startMillis, TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - startNanos), reason, calls.get(),
                touched.get(), healed.get(), by, unhealed.get(), p[0], p[1], untouchedFailures.get(),
                Math.max(0, inFlight.get()));
    }

    /** Heal times in milliseconds; the first million kept, which is more than a drill's cap allows. */
    static final class HealTimes {
        private static final int MAX = 1 << 20;
        private long[] values = new long[64];
        private int size;

        synchronized void add(long millis) {
            if (size == values.length) {
                if (size >= MAX) {
                    return;
                }
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = millis;
        }

        /** Nearest-rank percentiles; 0 when there is none. */
        synchronized long[] percentiles(double... qs) {
            long[] out = new long[qs.length];
            if (size == 0) {
                return out;
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            for (int i = 0; i < qs.length; i++) {
                int rank = (int) Math.ceil(qs[i] * size);
                out[i] = sorted[Math.max(0, Math.min(size - 1, rank - 1))];
            }
            return out;
        }
    }
}
