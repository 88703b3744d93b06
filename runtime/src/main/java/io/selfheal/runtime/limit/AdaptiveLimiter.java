package io.selfheal.runtime.limit;

import io.selfheal.runtime.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A limit on calls in flight that finds its own value: each call that ends is a sample (its
 * duration, and whether it failed or timed out); samples are gathered into windows of at least
 * {@link #WINDOW_NANOS} and {@link #WINDOW_SAMPLES} calls, and at each window's close the {@link
 * LimitAlgorithm} gives the next limit, clamped into {@code min..max}.
 *
 * <p><b>The baseline and the drift guard.</b> Every algorithm compares latency with the baseline,
 * the dependency's uncongested latency. It is the lowest window median since the last probe,
 * and the probe re-measures it: the limiter drops the limit to {@link #PROBE_CONCURRENCY} (or
 * {@code min}, if higher) for one window, takes that window's median as the new baseline,
 * whatever it is, and puts the limit back. A probe is due {@link #PROBE_INTERVAL_NANOS} after the
 * last one (the first ones sooner: 2, 4, 8 and 16 s after start, while the JVM warms up), and
 * early (not before {@link #EARLY_PROBE_NANOS}) when the limit has fallen to half its peak since
 * the last probe, or the baseline to half what the probe measured: the dependency slowed or sped
 * up, and whether its uncongested latency moved with it is what decides where the limit belongs.
 * A window in which no more than the probe's concurrency ran is as good as a probe and also sets
 * the baseline. Because the baseline is
 * always measured at low concurrency and never averaged from the latency the limit itself
 * causes, it cannot creep upward with the limit, and because it is replaced at each probe a
 * lucky low window cannot pull the limit down for good.
 *
 * <p>Admission is a CAS on the count of calls in flight, never above the limit; the window's
 * bookkeeping takes this object's lock once per call end. {@link #end} is the one thing a
 * finished call needs ("a call ends"); a synchronous caller may split it into {@link #sample}
 * when its outcome is known and {@link #release} when it lets go.
 */
public final class AdaptiveLimiter {
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final int WINDOW_SAMPLES = 10;
    static final long PROBE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** The first probes come sooner (2 s, 4 s, 8 s, 16 s): a baseline measured while the JVM warms up is refined. */
    static final long FIRST_PROBE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final long EARLY_PROBE_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final int PROBE_CONCURRENCY = 3;
    /** The durations a window keeps for its median (beyond, the latest overwrite the oldest). */
    static final int WINDOW_RTTS = 256;

    private final LimitAlgorithm algorithm;
    private final int min;
    private final int max;
    private final int probeLimit;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The limit admission reads: the learned limit, or the probe's while probing. */
    private volatile int admitted;
    /** The learned limit, rounded (what JMX, metrics and events show). */
    private volatile int learned;
    private volatile double baselineNanos;
    private volatile boolean probing;

    private final ReentrantLock waitLock = new ReentrantLock();
    private final Condition slotFreed = waitLock.newCondition();
    private volatile int waiters;

    // The window and the algorithm's state: guarded by this.
    private double estimate;
    private long windowStartNanos;
    private int samples;
    private int drops;
    private int successes;
    private final long[] rtts = new long[WINDOW_RTTS];
    private int maxInFlight;
    private long probeStartNanos;
    private double limitBeforeProbe;
    private long lastProbeEndNanos;
    private boolean probedOnce;
    private long probeIntervalNanos = FIRST_PROBE_INTERVAL_NANOS;
    private double peakSinceProbe;
    /** The baseline the last probe measured. */
    private double probedBaselineNanos;

    public AdaptiveLimiter(LimitAlgorithm algorithm, int initial, int min, int max, Clock clock) {
        if (min < 1 || max < min || initial < min || initial > max) {
            throw new IllegalArgumentException("need 1 <= min <= initial <= max, got " + min + ", " + initial
                    + ", " + max);
        }
        this.algorithm = algorithm;
        this.min = min;
        this.max = max;
        this.probeLimit = Math.max(min, Math.min(max, PROBE_CONCURRENCY));
        this.clock = clock;
        this.estimate = initial;
        this.peakSinceProbe = initial;
        this.admitted = initial;
        this.learned = initial;
        this.windowStartNanos = clock.nanoTime();
    }

    // ---------------------------------------------------------------- admission

    /** Takes a slot if fewer than the limit are in flight; never waits. */
    public boolean tryAcquire() {
        for (;;) {
            int now = inFlight.get();
            if (now >= admitted) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /**
     * Takes a slot, waiting up to {@code maxWaitNanos} (real time) for one to free. An interrupt
     * ends the wait without a slot and keeps the thread's interrupt flag.
     */
    public boolean acquire(long maxWaitNanos) {
        if (tryAcquire()) {
            return true;
        }
        if (maxWaitNanos <= 0) {
            return false;
        }
        waitLock.lock();
        try {
            waiters++;
            long left = maxWaitNanos;
            for (;;) {
                if (tryAcquire()) {
                    return true;
                }
                if (left <= 0) {
                    return false;
                }
                left = slotFreed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiters--;
            waitLock.unlock();
        }
    }

    /** Gives a slot back, with no sample (the call was refused further in, or its sample was taken). */
    public void release() {
        inFlight.decrementAndGet();
        if (waiters > 0) {
            wake(false);
        }
    }

    /** A call ended: its sample, then its slot back. */
    public void end(long startNanos, boolean dropped) {
        sample(startNanos, dropped);
        release();
    }

    private void wake(boolean all) {
        waitLock.lock();
        try {
            if (all) {
                slotFreed.signalAll();
            } else {
                slotFreed.signal();
            }
        } finally {
            waitLock.unlock();
        }
    }

    // ---------------------------------------------------------------- samples and windows

    /**
     * One call's outcome, taken while it still holds its slot.
     *
     * @param startNanos when it started, on this limiter's clock
     * @param dropped true when it failed or timed out (a congestion signal)
     */
    public void sample(long startNanos, boolean dropped) {
        long now = clock.nanoTime();
        int concurrency = inFlight.get();
        boolean widen = false;
        synchronized (this) {
            if (probing && startNanos - probeStartNanos < 0) {
                return;   // it ran before the probe lowered the limit: it says nothing about low load
            }
            samples++;
            if (dropped) {
                drops++;
            } else {
                rtts[successes % WINDOW_RTTS] = Math.max(0, now - startNanos);
                successes++;
            }
            maxInFlight = Math.max(maxInFlight, concurrency);
            if (samples >= WINDOW_SAMPLES && now - windowStartNanos >= WINDOW_NANOS) {
                int before = admitted;
                closeWindow(now);
                widen = admitted > before;
            }
        }
        if (widen && waiters > 0) {
            wake(true);
        }
    }

    private void closeWindow(long now) {
        LimitWindow w = new LimitWindow(median(), samples, drops, maxInFlight);
        windowStartNanos = now;
        samples = 0;
        drops = 0;
        successes = 0;
        maxInFlight = 0;
        if (probing) {
            endProbe(w, now);
            return;
        }
        if (w.hasRtt()) {
            double base = baselineNanos;
            if (base <= 0 || w.rttNanos() < base || w.maxInFlight() <= probeLimit) {
                baselineNanos = w.rttNanos();   // lower, or measured at the probe's concurrency
            }
        }
        setEstimate(algorithm.next(estimate, w, baselineNanos));
        peakSinceProbe = Math.max(peakSinceProbe, estimate);
        if (probeDue(now)) {
            probing = true;
            probeStartNanos = now;
            limitBeforeProbe = estimate;
            admitted = probeLimit;
        }
    }

    /** The median duration of the window's calls that did not fail; NaN when none. */
    private double median() {
        int n = Math.min(successes, WINDOW_RTTS);
        if (n == 0) {
            return Double.NaN;
        }
        java.util.Arrays.sort(rtts, 0, n);
        return n % 2 == 1 ? rtts[n / 2] : (rtts[n / 2 - 1] + rtts[n / 2]) / 2.0;
    }

    private boolean probeDue(long now) {
        if (!probedOnce) {
            return true;   // the first baseline is measured, not taken from whatever load the start had
        }
        long since = now - lastProbeEndNanos;
        return since >= probeIntervalNanos || since >= EARLY_PROBE_NANOS && (estimate * 2 <= peakSinceProbe
                || baselineNanos * 2 <= probedBaselineNanos);
    }

    private void endProbe(LimitWindow w, long now) {
        if (w.hasRtt()) {
            baselineNanos = w.rttNanos();   // replaced, not min-ed: the guard against a stale baseline
        }
        probedBaselineNanos = baselineNanos;
        probing = false;
        if (probedOnce) {
            probeIntervalNanos = Math.min(PROBE_INTERVAL_NANOS, probeIntervalNanos * 2);
        }
        probedOnce = true;
        lastProbeEndNanos = now;
        setEstimate(limitBeforeProbe);
        peakSinceProbe = estimate;
    }

    private void setEstimate(double value) {
        estimate = Math.max(min, Math.min(max, value));
        learned = (int) Math.round(estimate);
        if (!probing) {
            admitted = Math.max(min, (int) estimate);
        }
    }

    // ---------------------------------------------------------------- by hand, and reading

    /** Sets the limit by hand (a policy's {@code set-limit}), clamped into min..max; the algorithm goes on from it. */
    public void setLimit(int limit) {
        synchronized (this) {
            if (probing) {
                limitBeforeProbe = Math.max(min, Math.min(max, limit));
                learned = (int) limitBeforeProbe;
            } else {
                setEstimate(limit);
            }
            peakSinceProbe = Math.max(min, Math.min(max, limit));
        }
        if (waiters > 0) {
            wake(true);
        }
    }

    /** The learned limit (during a probe, the limit the probe will put back). */
    public int limit() {
        return learned;
    }

    /** The limit admission applies now: the learned one, or the probe's while probing. */
    public int admittedLimit() {
        return admitted;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** The uncongested latency the algorithm compares with, in nanoseconds; 0 while unknown. */
    public double baselineNanos() {
        return baselineNanos;
    }

    public boolean probing() {
        return probing;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public String algorithm() {
        return algorithm.name();
    }
}
