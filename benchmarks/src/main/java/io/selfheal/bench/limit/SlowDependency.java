package io.selfheal.bench.limit;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The simulated dependency: 16 workers, each call holds one for the service time (10 ms; more
 * during a slowdown), a fair queue in front. Its latency is the service time up to 16 calls in
 * flight and grows with the queue above. A caller gives up when no worker is free by its deadline
 * ({@link DeadlineExceeded}), as a client with a timeout does.
 */
public final class SlowDependency {
    static final int WORKERS = 16;

    private final Semaphore workers = new Semaphore(WORKERS, true);
    private volatile long serviceMicros = 10_000;

    void serviceMillis(double millis) {
        serviceMicros = (long) (millis * 1000);
    }

    public String call(long deadlineNanos) throws InterruptedException {
        if (!workers.tryAcquire(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            throw new DeadlineExceeded();
        }
        try {
            TimeUnit.MICROSECONDS.sleep(serviceMicros);
            return "ok";
        } finally {
            workers.release();
        }
    }

    /** The caller's deadline passed while its call waited in the queue. */
    public static final class DeadlineExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public DeadlineExceeded() {
            super("deadline exceeded", null, false, false);
        }
    }
}
