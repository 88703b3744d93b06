package io.selfheal.it.apps;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A dependency with 16 workers of 10 ms and a queue in front: its latency is 10 ms up to 16
 * concurrent calls and grows with the queue above. Counts its own runs (the body only runs when
 * the agent admits the call) and how many ran at once.
 */
public class SixteenWorkers {
    private final Semaphore workers = new Semaphore(16, true);
    final LongAdder runs = new LongAdder();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();

    public String fetch(int caller) throws InterruptedException {
        runs.increment();
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        try {
            workers.acquire();
            try {
                Thread.sleep(10);
            } finally {
                workers.release();
            }
            return "ok";
        } finally {
            running.decrementAndGet();
        }
    }
}
