package io.selfheal.runtime.engine;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread shared by every target with a {@code timeout:}. It is created the first
 * time a timed call starts, so a configuration without timeouts never starts a thread. It is a
 * daemon: it never keeps the application's JVM alive. Cancelled timers are removed at once, so
 * calls that finish in time leave nothing behind.
 */
final class TimeoutScheduler {
    private volatile ScheduledThreadPoolExecutor executor;

    /** Starts a timer that interrupts the calling thread after {@code nanos}, unless finished first. */
    TimedCall arm(long nanos) {
        TimedCall call = new TimedCall(Thread.currentThread());
        call.scheduled(executor().schedule(call, nanos, TimeUnit.NANOSECONDS));
        return call;
    }

    private ScheduledThreadPoolExecutor executor() {
        ScheduledThreadPoolExecutor e = executor;
        if (e == null) {
            synchronized (this) {
                e = executor;
                if (e == null) {
                    e = new ScheduledThreadPoolExecutor(1, r -> {
                        Thread t = new Thread(r, "selfheal-timeout");
                        t.setDaemon(true);
                        return t;
                    });
                    e.setRemoveOnCancelPolicy(true);
                    executor = e;
                }
            }
        }
        return e;
    }

    /** For tests and shutdown: stops the timer thread, if one was started. */
    void shutdown() {
        ScheduledThreadPoolExecutor e = executor;
        if (e != null) {
            e.shutdownNow();
        }
    }
}
