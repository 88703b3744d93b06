package io.selfheal.it.apps.async;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * The asynchronous scenarios, all in one JVM: each target of the test's config is a method of
 * {@link AsyncService}. Prints {@code RESULT name value} lines; an outcome is the value, or
 * {@code threw <cause>} for a stage that failed.
 */
public final class AsyncApp {
    private AsyncApp() {
    }

    public static void main(String[] args) throws Exception {
        AsyncService s = new AsyncService();

        // retry after a backoff of 1.5 s: the caller's thread returns at once, the stage heals later
        long t0 = System.nanoTime();
        CompletableFuture<String> flaky = s.flaky("k");
        long returnedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        print("flakyReturnedMs", returnedMs);
        print("flakyDoneAtReturn", flaky.isDone());

        print("down", outcome(s.down("k")));
        print("sync", outcome(s.syncThrow("k")));
        print("syncRuns", s.syncRuns.get());

        print("slow", outcome(s.slow("k")));
        print("slowInnerCancelled", s.lastSlow.isCancelled());
        print("slowBare", outcome(s.slowBare("k")));
        print("slowBareInnerCancelled", s.lastSlow.isCancelled());

        CompletionStage<Integer> custom = s.custom();
        print("customClass", custom.getClass().getName());
        print("custom", outcome(custom));
        print("customRuns", s.customRuns.get());
        Object customDown = outcome(s.customDown());
        print("customDown", customDown);
        print("customDownClass", customDown.getClass().getName());
        print("emptyDown", outcome(s.emptyDown()));
        print("plainFallback", outcome(s.plainFallback("k")));

        for (int i = 1; i <= 4; i++) {
            print("breaker" + i, outcome(s.breaker("b" + i)));
        }
        print("breakerRuns", s.breakerRuns.get());

        // the bulkhead: two stages in flight, from one thread; the others are refused until they complete
        CompletableFuture<String> gate = new CompletableFuture<>();
        List<CompletableFuture<String>> held = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            CompletableFuture<String> h = s.held(gate);
            if (h.isCompletedExceptionally()) {
                refused++;
                if (refused == 1) {
                    print("refusedWith", outcome(h));
                }
            } else {
                held.add(h);
            }
        }
        print("inFlight", held.size());
        print("refused", refused);
        gate.complete("g");
        print("heldOutcome", outcome(held.get(0)));
        print("afterRelease", outcome(s.held(CompletableFuture.completedFuture("again"))));

        AsyncLedger ledger = new AsyncLedger();
        print("debit", outcome(ledger.debit(30)));
        print("balance", ledger.balance);

        print("measured", outcome(s.measured()));
        print("measuredP50", attribute("measured", "LatencyP50Millis"));

        many(s);

        print("flaky", outcome(flaky));
        print("flakyTotalMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        print("flakyRuns", s.flakyRuns.get());
        print("flakyRetries", attribute("flaky", "Retries"));
        print("flakyCalls", attribute("flaky", "Calls"));

        print("warned", new FutureLike().plain());
        Thread.sleep(300);   // the healing log is written by a background thread
    }

    /** Many threads at once: the application's own count of runs equals the agent's calls and retries. */
    private static void many(AsyncService s) throws Exception {
        int threads = 16;
        int perThread = 500;
        List<Thread> started = new ArrayList<>();
        int[] wrong = new int[threads];
        for (int t = 0; t < threads; t++) {
            int th = t;
            Thread thread = new Thread(() -> {
                List<CompletableFuture<Integer>> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    mine.add(s.many(th * perThread + i));
                }
                for (int i = 0; i < perThread; i++) {
                    if (!Integer.valueOf(th * perThread + i).equals(mine.get(i).join())) {
                        wrong[th]++;
                    }
                }
            });
            thread.start();
            started.add(thread);
        }
        for (Thread t : started) {
            t.join();
        }
        int wrongTotal = 0;
        for (int w : wrong) {
            wrongTotal += w;
        }
        print("manyWrong", wrongTotal);
        print("manyRuns", s.manyRuns.get());
        print("manyCalls", attribute("many", "Calls"));
        print("manyRetries", attribute("many", "Retries"));
        print("manyHealed", attribute("many", "Healed"));
        print("manyFailures", attribute("many", "Failures"));
    }

    private static Object outcome(CompletionStage<?> stage) {
        try {
            return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return "threw " + e.getCause();
        } catch (Exception e) {
            return "threw " + e;
        }
    }

    private static Object attribute(String target, String name) {
        try {
            return ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new ObjectName("io.selfheal:type=Target,name=" + target), name);
        } catch (Exception e) {
            return "threw " + e;
        }
    }

    static void print(String name, Object value) {
        System.out.println("RESULT " + name + " " + value);
        System.out.flush();
    }
}
