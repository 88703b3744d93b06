package io.selfheal.runtime.engine;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer behind {@link Clock#SYSTEM}'s alarms: one daemon thread, started by the first alarm (a
 * circuit opening, a throttled report), so a JVM where no circuit ever opens never starts it.
 */
final class AlarmTimer {
    private static volatile ScheduledThreadPoolExecutor executor;

    private AlarmTimer() {
    }

    /** @return false when the alarm could not be set (the caller then reads the clock itself) */
    static boolean schedule(long delayNanos, Runnable task) {
        try {
            executor().schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    private static ScheduledThreadPoolExecutor executor() {
        ScheduledThreadPoolExecutor e = executor;
        if (e == null) {
            synchronized (AlarmTimer.class) {
                e = executor;
                if (e == null) {
                    e = new ScheduledThreadPoolExecutor(1, r -> {
                        Thread t = new Thread(r, "selfheal-alarm");
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
}
