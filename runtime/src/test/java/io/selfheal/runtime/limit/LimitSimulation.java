package io.selfheal.runtime.limit;

import io.selfheal.runtime.time.Clock;
import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * A discrete-event simulation on a clock of its own: closed-loop callers calling a dependency
 * through an {@link AdaptiveLimiter}. The dependency has {@code workers} that each take {@code
 * serviceMillis} per call, and a FIFO queue in front of them: its latency is the service time up
 * to {@code workers} calls in flight and grows with the queue above. A caller refused by the
 * limiter takes its fallback at once and calls again after {@code refusedPauseMillis}; a caller
 * whose call ended calls again at once. Calls longer than {@code timeoutMillis} count as dropped.
 * Optionally the dependency fails (rather than slows) each call that finds more than
 * {@code failAbove} in flight.
 */
final class LimitSimulation {
    /** The simulation's clock: set to each event's time before the limiter sees it. */
    static final class SimClock implements Clock {
        long nanos = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public long currentTimeMillis() {
            return nanos / 1_000_000;
        }

        @Override
        public boolean sleep(long millis) {
            throw new UnsupportedOperationException("the simulation never sleeps");
        }
    }

    private record Event(long atNanos, int caller, boolean completion, long startNanos, boolean failed)
            implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            return Long.compare(atNanos, o.atNanos);
        }
    }

    final SimClock clock = new SimClock();
    final AdaptiveLimiter limiter;
    int workers = 16;
    double serviceMillis = 10;
    long timeoutMillis = Long.MAX_VALUE / 2_000_000;
    int failAbove = Integer.MAX_VALUE;
    long refusedPauseMillis = 5;

    private final int callers;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final ArrayDeque<long[]> queue = new ArrayDeque<>();   // {caller, startNanos}
    private int busyWorkers;
    private int dependencyInFlight;

    long completed;
    long succeeded;
    long refused;
    int maxInFlightSeen;
    int maxAdmittedSeen;
    int minLimitSeen = Integer.MAX_VALUE;
    int maxLimitSeen;
    /** The sum of the learned limit over each event since {@link #resetStats}, and how many. */
    double limitSum;
    long limitPoints;
    boolean admittedExceeded;

    LimitSimulation(String algorithm, int initial, int min, int max, int callers) {
        this.limiter = new AdaptiveLimiter(LimitAlgorithm.named(algorithm), initial, min, max, clock);
        this.callers = callers;
        for (int c = 0; c < callers; c++) {
            events.add(new Event(clock.nanos + c * 10_000L, c, false, 0, false));
        }
    }

    void resetStats() {
        completed = 0;
        succeeded = 0;
        refused = 0;
        limitSum = 0;
        limitPoints = 0;
        minLimitSeen = Integer.MAX_VALUE;
        maxLimitSeen = 0;
    }

    double meanLimit() {
        return limitSum / limitPoints;
    }

    /** Runs simulated time forward by {@code seconds}. */
    void runSeconds(double seconds) {
        long until = clock.nanos + (long) (seconds * 1e9);
        while (!events.isEmpty() && events.peek().atNanos <= until) {
            Event e = events.poll();
            clock.nanos = e.atNanos;
            if (e.completion) {
                complete(e);
            } else {
                call(e.caller);
            }
            int learned = limiter.limit();
            limitSum += learned;
            limitPoints++;
            minLimitSeen = Math.min(minLimitSeen, learned);
            maxLimitSeen = Math.max(maxLimitSeen, learned);
        }
        clock.nanos = until;
    }

    private void call(int caller) {
        if (!limiter.tryAcquire()) {
            refused++;
            events.add(new Event(clock.nanos + refusedPauseMillis * 1_000_000L, caller, false, 0, false));
            return;
        }
        int inFlight = limiter.inFlight();
        maxInFlightSeen = Math.max(maxInFlightSeen, inFlight);
        maxAdmittedSeen = Math.max(maxAdmittedSeen, limiter.admittedLimit());
        if (inFlight > limiter.admittedLimit() && !limiter.probing()) {
            admittedExceeded = true;
        }
        dependencyInFlight++;
        if (dependencyInFlight > failAbove) {
            events.add(new Event(clock.nanos + 1_000_000L, caller, true, clock.nanos, true));   // fails fast
            return;
        }
        if (busyWorkers < workers) {
            busyWorkers++;
            serve(caller, clock.nanos);
        } else {
            queue.add(new long[] {caller, clock.nanos});
        }
    }

    private void serve(int caller, long startNanos) {
        events.add(new Event(clock.nanos + (long) (serviceMillis * 1e6), caller, true, startNanos, false));
    }

    private void complete(Event e) {
        dependencyInFlight--;
        if (!e.failed) {
            long[] next = busyWorkers > workers ? null : queue.poll();
            if (next != null) {
                serve((int) next[0], next[1]);
            } else {
                busyWorkers--;
            }
        }
        long rtt = clock.nanos - e.startNanos;
        boolean dropped = e.failed || rtt > timeoutMillis * 1_000_000L;
        completed++;
        if (!dropped) {
            succeeded++;
        }
        limiter.end(e.startNanos, dropped);
        events.add(new Event(clock.nanos, e.caller, false, 0, false));
    }

    /** Workers beyond the busy count when capacity is cut are simply not refilled until calls drain. */
    void setWorkers(int n) {
        workers = n;
        while (busyWorkers < workers && !queue.isEmpty()) {
            long[] next = queue.poll();
            busyWorkers++;
            serve((int) next[0], next[1]);
        }
    }

    int callers() {
        return callers;
    }
}
