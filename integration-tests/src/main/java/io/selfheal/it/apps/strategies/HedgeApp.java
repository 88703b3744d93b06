package io.selfheal.it.apps.strategies;

/**
 * {@code hedge:} in one JVM: the faster attempt answers (a copy, or the caller's own), the loser is
 * interrupted and its result or exception dropped, a failing first attempt waits for the copy, and
 * every attempt failing is one failure. Prints {@code RESULT name value}.
 */
public final class HedgeApp {
    private HedgeApp() {
    }

    public static void main(String[] args) throws Exception {
        Replica r = new Replica();
        Replica.CALLER_LOCAL.set("caller-local");

        long start = System.nanoTime();
        print("slowFirst", call(() -> r.slowFirst("a")));
        print("slowFirstMillis<2000", (System.nanoTime() - start) / 1_000_000 < 2000);
        print("callerInterruptedAfter", Thread.currentThread().isInterrupted());
        print("loserInterrupted", r.interrupted);
        print("copyThread", r.threads.stream().filter(t -> t.startsWith("selfheal-hedge-")).count());

        r.threads.clear();
        print("fastFirst", call(() -> r.fastFirst("b")));
        Thread.sleep(400);   // past 'after': no copy may start for a call that answered
        print("fastFirstRuns", r.threads.size());

        print("failsThenCopyAnswers", call(() -> r.failsThenCopyAnswers("c")));
        print("allFail", call(() -> r.allFail("d")));
        print("deafFirst", call(() -> r.deafFirst(4)));
        print("callerInterruptedAtEnd", Thread.currentThread().isInterrupted());
        Object engine = Class.forName("io.selfheal.bootstrap.Healing").getMethod("installed").invoke(null);
        Object t = engine.getClass().getMethod("target", String.class).invoke(engine, "replica");
        Object stats = t.getClass().getMethod("stats").invoke(t);
        for (String counter : new String[] {"calls", "failures", "hedges", "hedgeWins", "hedgesDropped"}) {
            Object c = stats.getClass().getField(counter).get(stats);
            print(counter, c.getClass().getMethod("sum").invoke(c));
        }
        int before = r.runs.get();
        print("allFailRetried", call(() -> r.allFailRetried("e")));
        print("allFailRetriedRuns", r.runs.get() - before);
        for (int i = 0; i < 25; i++) {
            r.p99Read("k" + i);   // measured: the p99 of fast reads
        }
        Thread.sleep(1100);   // the p99 is read at most once a second
        long p99Start = System.nanoTime();
        print("p99Slow", call(() -> r.p99Read("slow")));
        print("p99SlowMillis<2000", (System.nanoTime() - p99Start) / 1_000_000 < 2000);
        print("hedgeWinsAttribute", java.lang.management.ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new javax.management.ObjectName("io.selfheal:type=Target,name=replica"), "HedgeWins"));
    }

    interface Call {
        Object call() throws Exception;
    }

    private static String call(Call c) {
        try {
            return String.valueOf(c.call());
        } catch (Throwable e) {
            return "threw " + e;
        }
    }

    static void print(String name, Object value) {
        System.out.println("RESULT " + name + " " + value);
        System.out.flush();
    }
}
