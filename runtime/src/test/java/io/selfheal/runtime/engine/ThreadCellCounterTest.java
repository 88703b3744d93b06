package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCellCounterTest {

    @Test
    void countsEveryIncrementOnceFromMoreThreadsThanCells() throws InterruptedException {
        ThreadCellCounter counter = new ThreadCellCounter();
        int threads = 80;   // more than the cells: some threads count in the shared adder
        int each = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                awaitQuietly(start);
                for (int n = 0; n < each; n++) {
                    counter.increment();
                }
            });
            t.start();
            started.add(t);
        }
        start.countDown();
        for (int i = 0; i < threads / 2; i++) {
            counter.sum();   // readers racing with writers and with threads dying
        }
        for (Thread t : started) {
            t.join();
        }
        assertEquals((long) threads * each, counter.sum());
        assertEquals((long) threads * each, counter.sum(), "folding the dead threads' cells keeps their counts");
    }

    @Test
    void aDeadThreadsCountSurvivesAndItsSlotIsReused() throws InterruptedException {
        ThreadCellCounter counter = new ThreadCellCounter();
        runAndJoin(() -> counter.add(5));
        assertEquals(5, counter.sum());
        runAndJoin(() -> counter.add(3));
        counter.increment();
        assertEquals(9, counter.sum());
        assertEquals(9, counter.sum());
    }

    private static void runAndJoin(Runnable r) throws InterruptedException {
        Thread t = new Thread(r);
        t.start();
        t.join();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
