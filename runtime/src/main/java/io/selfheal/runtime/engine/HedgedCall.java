package io.selfheal.runtime.engine;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One hedged call: its first attempt runs on the caller's thread, in the woven frame (thread-locals
 * and all); its copies run the body again on the target's hedge pool ({@link BodyInvoker}). The
 * first success answers, exactly once, decided by one compare-and-set:
 *
 * <ul>
 *   <li>the caller's attempt returns first: the copies are cancelled (a running one interrupted)
 *       and their outcome dropped;
 *   <li>a copy returns first: its value is the call's, the caller's thread is interrupted, and when
 *       the caller's attempt ends (returned or thrown) that interrupt is cleared and the copy's value
 *       returned; what the caller's attempt gave is dropped, never thrown;
 *   <li>the caller's attempt throws first: the caller waits for the copies already running; the
 *       first that returns answers, and if every one throws the caller's own failure goes on down the
 *       pipeline (retry, fallback) as the call's one failure.
 * </ul>
 */
final class HedgedCall {
    /** From {@link #callerReturned} and {@link #callerFailed}: no copy answered; go on as unhedged. */
    static final Object NO_ANSWER = new Object();

    private static final Object RUNNING = new Object();
    private static final Object CALLER_WON = new Object();
    private static final Object CALLER_FAILED = new Object();

    /** The value a copy answered with (it may be null). */
    private static final class CopyWon {
        final Object value;
        /** True when it won while the caller's attempt still ran: an interrupt is sent to the caller. */
        final boolean interrupts;

        CopyWon(Object value, boolean interrupts) {
            this.value = value;
            this.interrupts = interrupts;
        }
    }

    private final TargetStats stats;
    private final BodyInvoker invoker;
    private final Object self;
    private final Object[] arguments;
    /** What the caller's attempt holds (permit, probe, timer), or {@code null}. */
    final Ticket ticket;
    private final Thread caller = Thread.currentThread();
    private final AtomicReference<Object> state = new AtomicReference<>(RUNNING);
    private final Future<?>[] copies;
    /** Copies that began and have not ended; guarded by this. */
    private int running;
    private volatile boolean callerInterrupted;

    HedgedCall(TargetStats stats, BodyInvoker invoker, Object self, Object[] arguments, Ticket ticket, int maxExtra) {
        this.stats = stats;
        this.invoker = invoker;
        this.self = self;
        this.arguments = arguments;
        this.ticket = ticket;
        this.copies = new Future<?>[maxExtra];
    }

    void scheduled(int i, Future<?> f) {
        copies[i] = f;
    }

    /** The task of one copy. */
    Runnable copy() {
        return new Runnable() {
            @Override
            public void run() {
                runCopy();
            }
        };
    }

    private void runCopy() {
        synchronized (this) {
            if (state.get() != RUNNING) {
                return;   // the call ended before this copy was due
            }
            running++;
        }
        stats.hedges.increment();
        try {
            Object value = invoker.invoke(self, arguments);
            if (state.compareAndSet(RUNNING, new CopyWon(value, true))) {
                stats.hedgeWins.increment();
                caller.interrupt();   // the caller's attempt is the loser: stop it where it can be stopped
                callerInterrupted = true;
                cancelCopies();
            } else if (state.compareAndSet(CALLER_FAILED, new CopyWon(value, false))) {
                stats.hedgeWins.increment();   // the caller is waiting for this answer: no interrupt
                cancelCopies();
            } else {
                stats.hedgesDropped.increment();
            }
        } catch (Throwable e) {
            stats.hedgesDropped.increment();   // a copy's failure is never thrown: the caller's attempt speaks for the call
        } finally {
            synchronized (this) {
                running--;
                notifyAll();
            }
        }
    }

    /**
     * The caller's attempt returned.
     *
     * @return the copy's value when a copy answered first, else {@link #NO_ANSWER}
     */
    Object callerReturned() {
        if (state.compareAndSet(RUNNING, CALLER_WON)) {
            cancelCopies();
            return NO_ANSWER;
        }
        return copyAnswer();
    }

    /**
     * The caller's attempt threw: waits for the copies running now.
     *
     * @return the value of the copy that answered, or {@link #NO_ANSWER} when every copy failed or
     *     none ran (the caller's failure goes on down the pipeline)
     */
    Object callerFailed() {
        if (!state.compareAndSet(RUNNING, CALLER_FAILED)) {
            return copyAnswer();
        }
        for (Future<?> f : copies) {
            if (f != null) {
                f.cancel(false);   // not due yet: never runs; running: left to finish
            }
        }
        boolean interrupted = false;
        synchronized (this) {
            while (running > 0 && state.get() == CALLER_FAILED) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;   // the caller is interrupted: stop waiting, keep the flag
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return state.compareAndSet(CALLER_FAILED, CALLER_WON) ? NO_ANSWER : copyAnswer();
    }

    /** A copy won: the interrupt it sent the caller is cleared (it was ours), and its value is the answer. */
    private Object copyAnswer() {
        Object s = state.get();
        if (!(s instanceof CopyWon won)) {
            return NO_ANSWER;
        }
        if (won.interrupts) {
            while (!callerInterrupted) {
                Thread.onSpinWait();   // the winner is between its compare-and-set and the interrupt
            }
            Thread.interrupted();
        }
        stats.hedgesDropped.increment();   // the caller's own attempt lost: its value or exception is dropped
        return won.value;
    }

    private void cancelCopies() {
        for (Future<?> f : copies) {
            if (f != null) {
                f.cancel(true);   // a running copy is interrupted; one not due never runs
            }
        }
    }
}
