package io.selfheal.it.apps.strategies;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;

/**
 * {@code rate-limit:} in one JVM: a flood measured window by window with the agent's own counters,
 * two threads racing for permits, a burst, a refusal answered by the fallback chain or by
 * RateLimitedException, and calls that wait for their permit. Prints {@code RESULT name value}.
 */
public final class RateLimitApp {
    private RateLimitApp() {
    }

    public static void main(String[] args) throws Exception {
        Quota q = new Quota();
        flood(q, 20, Long.parseLong(args[0]));
        race(q);
        burst(q);
        waits(q);
        print("rateLimitedAttribute", ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("io.selfheal:type=Target,name=burst"), "RateLimited"));
    }

    /**
     * One thread calls as fast as it can for {@code millis}; between calls (so no call is half
     * done) it reads the agent's count of permitted calls about once a second, and the time just
     * before. Prints each window as "permitted/allowed" where allowed is what the rate lets in over
     * the window's measured length, plus the one permit that may fall due at its edge.
     */
    private static void flood(Quota q, int permitsPerSecond, long millis) throws Exception {
        long start = System.nanoTime();
        long windowStart = start;
        long permittedAtStart = permitted("flood");
        List<String> windows = new ArrayList<>();
        boolean within = true;
        long calls = 0;
        while (System.nanoTime() - start < millis * 1_000_000L) {
            try {
                q.ping();
            } catch (RuntimeException refused) {
                // counted by the agent
            }
            calls++;
            long now = System.nanoTime();
            if (now - windowStart >= 1_000_000_000L) {
                long permitted = permitted("flood");
                long n = permitted - permittedAtStart;
                long allowed = (now - windowStart) * permitsPerSecond / 1_000_000_000L + 1;
                windows.add(n + "/" + allowed);
                within &= n <= allowed && n >= allowed / 4;   // the lower bound only shows the flood was one
                windowStart = System.nanoTime();
                permittedAtStart = permitted("flood");
            }
        }
        print("floodWindows", windows);
        print("floodWithinOnePermit", within && windows.size() >= 2);
        print("floodCalls>permitted", calls > permitted("flood") * 10);
        print("floodRunsEqualPermitted", q.runs.get() == permitted("flood"));
    }

    /** Two threads race for permits for 1.5 s: together they get no more than the rate lets in. */
    private static void race(Quota q) throws Exception {
        long before = permitted("flood");
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong refused = new AtomicLong();
        Thread[] threads = new Thread[2];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                try {
                    go.await();
                    long end = System.nanoTime() + 1_500_000_000L;
                    while (System.nanoTime() < end) {
                        try {
                            q.ping();
                        } catch (RuntimeException e) {
                            refused.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads[i].start();
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long elapsed = System.nanoTime() - start;
        long n = permitted("flood") - before;
        // The bucket may hold the one permit due when the race starts.
        long allowed = elapsed * 20 / 1_000_000_000L + 1;
        print("raceWithinOnePermit", n <= allowed && refused.get() > 0 ? "true" : n + " > " + allowed);
    }

    /** burst: 4 beyond the one due: five calls at once, then refusals until the next permit (5 s on). */
    private static void burst(Quota q) {
        StringBuilder outcomes = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            try {
                outcomes.append(q.burst().equals("pong") ? 'P' : '?');
            } catch (RuntimeException e) {
                outcomes.append(e.getClass().getSimpleName().equals("RateLimitedException") ? 'R' : 'X');
                if (i == 7) {
                    print("refusal", e);
                    print("refusalTarget", invoke(e, "getTarget"));
                    long dueIn = (Long) invoke(e, "getNextPermitEpochMillis") - System.currentTimeMillis();
                    print("nextPermitWithin5s", dueIn > 0 && dueIn <= 5_000);
                }
            }
        }
        print("burst", outcomes);
        print("answered", q.answered());
        print("answeredRefused", q.answered());
    }

    /** wait: 1s at 10 a second: five calls in a row all run, each waiting its turn (about 100 ms). */
    private static void waits(Quota q) {
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            q.waited();
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000L;
        print("waitedAtLeast400ms", elapsedMillis >= 395 ? "true" : String.valueOf(elapsedMillis));
    }

    /** Calls the agent let through: its call count less those it refused (read from the engine). */
    private static long permitted(String target) throws Exception {
        Object stats = stats(target);
        return counter(stats, "calls") - counter(stats, "rateLimited");
    }

    private static Object stats(String target) throws Exception {
        Object engine = Class.forName("io.selfheal.bootstrap.Healing").getMethod("installed").invoke(null);
        Object t = engine.getClass().getMethod("target", String.class).invoke(engine, target);
        return t.getClass().getMethod("stats").invoke(t);
    }

    private static long counter(Object stats, String name) throws Exception {
        Object c = stats.getClass().getField(name).get(stats);
        return (Long) c.getClass().getMethod("sum").invoke(c);
    }

    private static Object invoke(Object o, String method) {
        try {
            return o.getClass().getMethod(method).invoke(o);
        } catch (ReflectiveOperationException e) {
            return e;
        }
    }

    static void print(String name, Object value) {
        System.out.println("RESULT " + name + " " + value);
        System.out.flush();
    }
}
