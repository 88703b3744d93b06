package io.selfheal.runtime.time;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A one-thread scheduler on a named daemon thread, started on first use, so a JVM that never
 * needs it never starts the thread. Cancelled tasks are removed at once.
 */
public final class LazyDaemonScheduler {
    private final String threadName;
    private volatile ScheduledThreadPoolExecutor executor;

    public LazyDaemonScheduler(String threadName) {
        this.threadName = threadName;
    }

    public ScheduledThreadPoolExecutor get() {
        ScheduledThreadPoolExecutor e = executor;
        if (e == null) {
            synchronized (this) {
                e = executor;
                if (e == null) {
                    e = new ScheduledThreadPoolExecutor(1, r -> {
                        Thread t = new Thread(r, threadName);
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

    /** Stops the thread, if one was started. */
    public void shutdown() {
        ScheduledThreadPoolExecutor e = executor;
        if (e != null) {
            e.shutdownNow();
        }
    }
}
