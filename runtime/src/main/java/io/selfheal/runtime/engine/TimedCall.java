package io.selfheal.runtime.engine;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One attempt of a call under a {@code timeout:}. The timer thread and the caller race to end it;
 * a CAS on {@link #state} decides who wins, exactly once:
 *
 * <ul>
 *   <li>the caller finishes first ({@code RUNNING -> DONE}): the timer is cancelled and never
 *       interrupts;
 *   <li>the timer fires first ({@code RUNNING -> FIRING}): it interrupts the caller, then marks
 *       {@code FIRED}. The caller, finishing, waits out that short window (so the interrupt cannot
 *       land after the call), then puts the thread's interrupt flag back as it was when the call
 *       began.
 * </ul>
 */
final class TimedCall implements Runnable {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int FIRING = 2;
    private static final int FIRED = 3;
    private static final AtomicIntegerFieldUpdater<TimedCall> STATE =
            AtomicIntegerFieldUpdater.newUpdater(TimedCall.class, "state");

    private final Thread caller;
    private final boolean interruptedBefore;
    private volatile int state = RUNNING;
    private Future<?> timer;

    TimedCall(Thread caller) {
        this.caller = caller;
        this.interruptedBefore = caller.isInterrupted();
    }

    void scheduled(Future<?> f) {
        this.timer = f;
    }

    @Override
    public void run() {
        if (STATE.compareAndSet(this, RUNNING, FIRING)) {
            caller.interrupt();
            state = FIRED;
        }
    }

    /**
     * Ends the attempt; call on the caller's thread.
     *
     * @return true when the timer fired (the attempt overran); the interrupt flag is then restored
     */
    boolean finish() {
        if (STATE.compareAndSet(this, RUNNING, DONE)) {
            Future<?> f = timer;
            if (f != null) {
                f.cancel(false);
            }
            return false;
        }
        while (state != FIRED) {
            Thread.onSpinWait();
        }
        if (interruptedBefore) {
            caller.interrupt();
        } else {
            Thread.interrupted();
        }
        return true;
    }
}
