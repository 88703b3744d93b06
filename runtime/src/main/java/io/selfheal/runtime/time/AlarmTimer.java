package io.selfheal.runtime.time;

import java.util.concurrent.TimeUnit;

/**
 * The timer behind {@link Clock#SYSTEM}'s alarms: one daemon thread, started by the first alarm (a
 * circuit opening, a throttled report), so a JVM where no circuit ever opens never starts it.
 */
final class AlarmTimer {
    private static final LazyDaemonScheduler SCHEDULER = new LazyDaemonScheduler("selfheal-alarm");

    private AlarmTimer() {
    }

    /** @return false when the alarm could not be set (the caller then reads the clock itself) */
    static boolean schedule(long delayNanos, Runnable task) {
        try {
            SCHEDULER.get().schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (RuntimeException | Error e) {
            return false;
        }
    }
}
