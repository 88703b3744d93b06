package io.selfheal.runtime.time;

/** Time as the engine sees it; tests inject their own so no test sleeps to wait for a backoff. */
public interface Clock {
    long nanoTime();

    long currentTimeMillis();

    /**
     * Waits {@code millis}.
     *
     * @return false when the wait was interrupted (the thread's interrupt flag is set again)
     */
    boolean sleep(long millis);

    /**
     * Runs {@code task} once, on a timer thread, when {@code delayNanos} have passed, so a hot path
     * can learn that a deadline passed from a flag instead of reading the clock on every call.
     *
     * @return false when this clock has no timer (the caller must read the clock each time); test
     *     clocks answer false, so their time stays the only time
     */
    default boolean alarm(long delayNanos, Runnable task) {
        return false;
    }

    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public boolean sleep(long millis) {
            if (millis <= 0) {
                return true;
            }
            try {
                Thread.sleep(millis);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public boolean alarm(long delayNanos, Runnable task) {
            return AlarmTimer.schedule(delayNanos, task);
        }
    };
}
