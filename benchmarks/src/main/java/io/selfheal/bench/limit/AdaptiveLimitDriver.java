package io.selfheal.bench.limit;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Issue 21's benchmark, a plain driver (not a timed test): 64 closed-loop callers over {@link
 * SlowDependency} (16 workers of 10 ms, a queue above; 40 ms a call during a slowdown in the middle
 * third), each call with a 100 ms deadline, under four guards in turn: no limit; a fixed bulkhead of
 * 16 (the oracle: the dependency's true capacity); Netflix's concurrency-limits 0.5.4 Gradient2
 * (defaults) around the same calls; selfheal's {@code concurrency-limit} (gradient, defaults),
 * woven by the agent. A refused caller does something else for 2 ms and calls again. Reports
 * goodput (calls answered by the dependency within the deadline, per second) and the p99 of their
 * latency, per phase and overall, and the limit over time. Then the drift run: selfheal's limit,
 * and Gradient2's, under steady load for {@code drift} seconds each.
 *
 * <p>{@code bash benchmarks/limit.sh [seconds] [drift-seconds]}: runs under the agent with
 * {@code selfheal-limit-bench.yaml}.
 */
public final class AdaptiveLimitDriver {
    private static final int CALLERS = 64;
    private static final long DEADLINE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final double SLOW_SERVICE_MILLIS = 40;

    /** One way of guarding the call. */
    interface Guard {
        /** "ok", "refused" or "timeout". */
        String call(SlowDependency d, long deadlineNanos) throws InterruptedException;

        /** The limit now, or -1 when it has none that moves. */
        default int limit() {
            return -1;
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int driftSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName target = new ObjectName("io.selfheal:type=Target,name=limited");
        WovenLimitedCall woven = new WovenLimitedCall();
        woven.call(new SlowDependency(), System.nanoTime() + DEADLINE_NANOS);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!server.isRegistered(target) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        if (!server.isRegistered(target)) {
            System.err.println("selfheal's target 'limited' is not there: run under the agent (benchmarks/limit.sh)");
            System.exit(1);
        }

        List<String> rows = new ArrayList<>();
        rows.add(run("no limit", (d, deadline) -> plain(d, deadline), seconds));
        Semaphore bulkhead = new Semaphore(SlowDependency.WORKERS);
        rows.add(run("fixed bulkhead 16", (d, deadline) -> {
            if (!bulkhead.tryAcquire()) {
                return "refused";
            }
            try {
                return plain(d, deadline);
            } finally {
                bulkhead.release();
            }
        }, seconds));
        rows.add(run("concurrency-limits 0.5.4 Gradient2", netflix(), seconds));
        rows.add(run("selfheal concurrency-limit (gradient)", selfheal(woven, server, target), seconds));

        System.out.println();
        System.out.println("| guard | goodput/s (all) | normal | slowdown | healed | p99 ms (all) | normal | slowdown | healed "
                + "| refused | timed out | limit: mean normal / slowdown / healed |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);

        if (driftSeconds > 0) {
            System.out.println();
            System.out.println("| drift run (" + driftSeconds + " s steady) | limit, mean of each tenth of the run | "
                    + "last tenth / first tenth | goodput/s | p99 ms |");
            System.out.println("|---|---|---|---|---|");
            System.out.println(drift("selfheal concurrency-limit (gradient)", selfheal(woven, server, target),
                    driftSeconds));
            System.out.println(drift("concurrency-limits 0.5.4 Gradient2", netflix(), driftSeconds));
        }
        System.exit(0);
    }

    private static String plain(SlowDependency d, long deadline) throws InterruptedException {
        try {
            return d.call(deadline);
        } catch (SlowDependency.DeadlineExceeded e) {
            return "timeout";
        }
    }

    private static Guard netflix() {
        SimpleLimiter<Void> limiter = SimpleLimiter.newBuilder().limit(Gradient2Limit.newBuilder().build()).build();
        return new Guard() {
            @Override
            public String call(SlowDependency d, long deadline) throws InterruptedException {
                Optional<Limiter.Listener> listener = limiter.acquire(null);
                if (listener.isEmpty()) {
                    return "refused";
                }
                try {
                    String answer = d.call(deadline);
                    listener.get().onSuccess();
                    return answer;
                } catch (SlowDependency.DeadlineExceeded e) {
                    listener.get().onDropped();
                    return "timeout";
                } catch (InterruptedException | RuntimeException e) {
                    listener.get().onIgnore();
                    throw e;
                }
            }

            @Override
            public int limit() {
                return limiter.getLimit();
            }
        };
    }

    private static Guard selfheal(WovenLimitedCall woven, MBeanServer server, ObjectName target) {
        return new Guard() {
            @Override
            public String call(SlowDependency d, long deadline) throws InterruptedException {
                return woven.call(d, deadline);
            }

            @Override
            public int limit() {
                try {
                    return (Integer) server.getAttribute(target, "ConcurrencyLimit");
                } catch (Exception e) {
                    return -1;
                }
            }
        };
    }

    /** What the callers saw in one phase. */
    private static final class Phase {
        final LongAdder ok = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder timedOut = new LongAdder();
        final List<long[]> latencies = new ArrayList<>();   // one array per caller: micros of ok calls
        final List<Integer> limits = new ArrayList<>();
        double seconds;
    }

    /** One caller's latencies, grown as it goes. */
    private static final class Recorder {
        long[] micros = new long[4096];
        int n;

        void add(long v) {
            if (n == micros.length) {
                micros = Arrays.copyOf(micros, n * 2);
            }
            micros[n++] = v;
        }
    }

    /** Runs {@code guard} for {@code seconds}: normal, slowdown (the middle third), healed. */
    private static String run(String name, Guard guard, int seconds) throws Exception {
        Phase[] phases = drive(guard, seconds, new double[] {1 / 3.0, 2 / 3.0});
        Phase all = merge(phases);
        String row = String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %s | %s | %s | %s | %d | %d | %s / %s / %s |",
                name, goodput(all), goodput(phases[0]), goodput(phases[1]), goodput(phases[2]),
                p99(all), p99(phases[0]), p99(phases[1]), p99(phases[2]), all.refused.sum(), all.timedOut.sum(),
                meanLimit(phases[0]), meanLimit(phases[1]), meanLimit(phases[2]));
        System.out.println(row);
        return row;
    }

    /** Steady load for {@code seconds}: the limit's mean in each tenth of the run. */
    private static String drift(String name, Guard guard, int seconds) throws Exception {
        double[] cuts = new double[9];
        for (int i = 0; i < 9; i++) {
            cuts[i] = (i + 1) / 10.0;
        }
        Phase[] phases = drive(guard, seconds, cuts, false);
        StringBuilder means = new StringBuilder();
        for (Phase p : phases) {
            means.append(means.length() == 0 ? "" : ", ").append(meanLimit(p));
        }
        double first = mean(phases[0].limits);
        double last = mean(phases[9].limits);
        Phase all = merge(phases);
        String row = String.format(Locale.ROOT, "| %s | %s | %.2f | %.0f | %s |", name, means, last / first,
                goodput(all), p99(all));
        System.out.println(row);
        return row;
    }

    private static Phase[] drive(Guard guard, int seconds, double[] cuts) throws Exception {
        return drive(guard, seconds, cuts, true);
    }

    /**
     * Drives 64 callers; the phase boundaries are fractions of the run ({@code cuts}); with
     * {@code slowdown}, the second phase runs at {@link #SLOW_SERVICE_MILLIS} a call.
     */
    private static Phase[] drive(Guard guard, int seconds, double[] cuts, boolean slowdown) throws Exception {
        SlowDependency d = new SlowDependency();
        Phase[] phases = new Phase[cuts.length + 1];
        for (int i = 0; i < phases.length; i++) {
            phases[i] = new Phase();
        }
        long start = System.nanoTime();
        long total = TimeUnit.SECONDS.toNanos(seconds);
        long[] bounds = new long[phases.length + 1];
        bounds[0] = start;
        for (int i = 0; i < cuts.length; i++) {
            bounds[i + 1] = start + (long) (total * cuts[i]);
        }
        bounds[phases.length] = start + total;
        Recorder[][] recorders = new Recorder[phases.length][CALLERS];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
            int caller = c;
            Thread t = new Thread(() -> {
                try {
                    for (;;) {
                        long now = System.nanoTime();
                        if (now >= bounds[phases.length]) {
                            return;
                        }
                        int p = phaseOf(bounds, now);
                        String answer = guard.call(d, now + DEADLINE_NANOS);
                        long took = System.nanoTime() - now;
                        Phase phase = phases[p];
                        switch (answer) {
                            case "ok" -> {
                                phase.ok.increment();
                                Recorder r = recorders[p][caller];
                                if (r == null) {
                                    r = recorders[p][caller] = new Recorder();
                                }
                                r.add(took / 1000);
                            }
                            case "refused" -> {
                                phase.refused.increment();
                                Thread.sleep(2);
                            }
                            default -> phase.timedOut.increment();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "caller-" + c);
            threads.add(t);
            t.start();
        }
        boolean slowed = false;
        while (System.nanoTime() < bounds[phases.length]) {
            long now = System.nanoTime();
            int p = phaseOf(bounds, now);
            boolean slow = slowdown && p == 1;
            if (slow != slowed) {
                d.serviceMillis(slow ? SLOW_SERVICE_MILLIS : 10);
                slowed = slow;
            }
            int limit = guard.limit();
            if (limit >= 0) {
                phases[p].limits.add(limit);
            }
            Thread.sleep(100);
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int p = 0; p < phases.length; p++) {
            phases[p].seconds = (bounds[p + 1] - bounds[p]) / 1e9;
            for (Recorder r : recorders[p]) {
                if (r != null) {
                    phases[p].latencies.add(Arrays.copyOf(r.micros, r.n));
                }
            }
        }
        return phases;
    }

    private static int phaseOf(long[] bounds, long now) {
        for (int p = 0; p < bounds.length - 2; p++) {
            if (now < bounds[p + 1]) {
                return p;
            }
        }
        return bounds.length - 2;
    }

    private static Phase merge(Phase[] phases) {
        Phase all = new Phase();
        for (Phase p : phases) {
            all.ok.add(p.ok.sum());
            all.refused.add(p.refused.sum());
            all.timedOut.add(p.timedOut.sum());
            all.latencies.addAll(p.latencies);
            all.limits.addAll(p.limits);
            all.seconds += p.seconds;
        }
        return all;
    }

    private static double goodput(Phase p) {
        return p.ok.sum() / p.seconds;
    }

    private static String p99(Phase p) {
        int n = 0;
        for (long[] a : p.latencies) {
            n += a.length;
        }
        if (n == 0) {
            return "-";
        }
        long[] all = new long[n];
        int i = 0;
        for (long[] a : p.latencies) {
            System.arraycopy(a, 0, all, i, a.length);
            i += a.length;
        }
        Arrays.sort(all);
        return String.format(Locale.ROOT, "%.1f", all[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1000.0);
    }

    private static String meanLimit(Phase p) {
        return p.limits.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", mean(p.limits));
    }

    private static double mean(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
    }
}
