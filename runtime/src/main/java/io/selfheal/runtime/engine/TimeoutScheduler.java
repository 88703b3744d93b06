package io.selfheal.runtime.engine;

import io.selfheal.runtime.time.LazyDaemonScheduler;

import java.util.concurrent.TimeUnit;

/**
 * The one timer thread shared by every target with a {@code timeout:}. It is created the first
 * time a timed call starts, so a configuration without timeouts never starts a thread. It is a
 * daemon: it never keeps the application's JVM alive. Cancelled timers are removed at once, so
 * calls that finish in time leave nothing behind.
 */
final class TimeoutScheduler {
    private final LazyDaemonScheduler scheduler = new LazyDaemonScheduler("selfheal-timeout");

    /** Starts a timer that interrupts the calling thread after {@code nanos}, unless finished first. */
    TimedCall arm(long nanos) {
        TimedCall call = new TimedCall(Thread.currentThread());
        call.scheduled(scheduler.get().schedule(call, nanos, TimeUnit.NANOSECONDS));
        return call;
    }

    /** For tests and shutdown: stops the timer thread, if one was started. */
    void shutdown() {
        scheduler.shutdown();
    }
}
