package io.selfheal.bootstrap;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Marks the threads that are doing the agent's own work (a snapshot, a restore, a fallback, an
 * exception's message read for an event, ...). A woven method called on such a thread runs as if it
 * were not woven: no healing, no snapshot, no counting, no event. Without it, an application
 * method the agent calls (a {@code clone()}, a fallback, a {@code getMessage()}) that is itself
 * woven would heal again, inside the healing, and could recurse until the stack overflows.
 *
 * <p>The check costs one read of a shared counter while no thread anywhere is in agent work, and
 * a set look-up only while one is. There is no per-thread state to leak: a thread is in the set
 * only between {@link #begin} and {@link #end}.
 */
public final class ReentryGuard {
    /** How many threads are in agent work now: zero almost always, so the check is one read. */
    private static final AtomicInteger BUSY = new AtomicInteger();
    private static final Set<Thread> THREADS = ConcurrentHashMap.newKeySet();
    /**
     * Threads about to run a woven body again for the runtime (a retry of an asynchronous call, a
     * hedge), by the site whose entry is to take the mark. Counted in {@link #BUSY} too, so the
     * woven entry still reads one counter while no thread is marked at all.
     */
    private static final ConcurrentHashMap<Thread, Integer> RAW = new ConcurrentHashMap<>();

    private ReentryGuard() {
    }

    /**
     * True when some thread, anywhere, carries a mark (agent work or a raw run): only then need a
     * woven entry ask {@link #takeRaw} or {@link #inAgentWork}. One read of a shared counter.
     */
    public static boolean anyMarks() {
        return BUSY.get() != 0;
    }

    /**
     * Marks the calling thread so that the next woven entry of {@code site} on it runs its body
     * untracked: a run the runtime makes itself, as one more attempt of a call it is healing
     * already. The mark is one-shot: the entry that takes it clears it, so woven calls nested inside
     * the body heal as usual. Pair with {@link #clearRaw} in a {@code finally}, for a body that never
     * reached its entry.
     */
    public static void markRaw(int site) {
        BUSY.incrementAndGet();
        if (RAW.put(Thread.currentThread(), site) != null) {
            BUSY.decrementAndGet();
        }
    }

    /** True (and the mark cleared) when the calling thread carries a raw mark for {@code site}. */
    public static boolean takeRaw(int site) {
        if (RAW.remove(Thread.currentThread(), site)) {
            BUSY.decrementAndGet();
            return true;
        }
        return false;
    }

    /** Drops the calling thread's raw mark, if it still has one. */
    public static void clearRaw() {
        if (RAW.remove(Thread.currentThread()) != null) {
            BUSY.decrementAndGet();
        }
    }

    /** True when the calling thread is doing the agent's work: woven code must act unwoven. */
    public static boolean inAgentWork() {
        return BUSY.get() != 0 && THREADS.contains(Thread.currentThread()) && markIsLive();
    }

    /**
     * A mark is live while the agent frame that set it is still on the stack. A
     * {@code StackOverflowError} can strike inside {@link #unmark()} itself and leave a mark whose
     * frame is gone; that thread would then run every woven method unwoven for good. So a marked
     * thread's stack is looked at (only then: a woven method called from inside agent work is rare)
     * and a stale mark is dropped.
     */
    private static boolean markIsLive() {
        if (agentFrameBelowCaller()) {
            return true;
        }
        unmark();
        return false;
    }

    /**
     * Loads and links what the stale-mark check uses (the stack walker, its function), on the
     * agent's own shallow stack: met first at the end of an overflowing stack, loading them would
     * overflow inside the class-file transformer.
     */
    public static void prepare() {
        agentFrameBelowCaller();
    }

    /** Below the woven method that is calling the agent now, is there a frame of the agent's own? */
    private static boolean agentFrameBelowCaller() {
        return STACK.walk(new java.util.function.Function<java.util.stream.Stream<StackWalker.StackFrame>, Boolean>() {
            @Override
            public Boolean apply(java.util.stream.Stream<StackWalker.StackFrame> frames) {
                java.util.Iterator<StackWalker.StackFrame> it = frames.iterator();
                boolean pastCaller = false;
                while (it.hasNext()) {
                    boolean agent = isAgentClass(it.next().getClassName());
                    if (!pastCaller) {
                        pastCaller = !agent;   // the agent's frames of this very call, then the woven method
                    } else if (agent) {
                        return Boolean.TRUE;
                    }
                }
                return Boolean.FALSE;
            }
        });
    }

    private static boolean isAgentClass(String name) {
        return name.startsWith("io.selfheal.bootstrap.") || name.startsWith("io.selfheal.runtime.")
                || name.startsWith("io.selfheal.agent.") || name.startsWith("io.selfheal.shaded.");
    }

    private static final StackWalker STACK = StackWalker.getInstance();

    /**
     * Marks the calling thread as doing agent work. Call it only when {@link #inAgentWork()} was
     * false, inside a {@code try} whose {@code finally} calls {@link #unmark()}:
     * <pre>
     * boolean outer = !ReentryGuard.inAgentWork();
     * try { if (outer) ReentryGuard.mark(); ... } finally { if (outer) ReentryGuard.unmark(); }
     * </pre>
     * so that a {@code StackOverflowError} striking anywhere in between cannot leave the mark
     * behind (a thread left marked would run every woven method unwoven for good). The counter is
     * raised first: an overflow between the two steps can only leave it too high, which costs a
     * set look-up per woven call, never a wrong answer.
     */
    public static void mark() {
        BUSY.incrementAndGet();
        if (!THREADS.add(Thread.currentThread())) {
            BUSY.decrementAndGet();
        }
    }

    /**
     * Marks the calling thread unless it is in agent work already, for a {@code try} whose
     * {@code finally} calls {@link #end}: {@code boolean began = begin(); try { ... } finally {
     * end(began); }}. An overflow between the mark and the {@code try} leaves a mark whose frame is
     * gone, which {@link #inAgentWork} finds and drops.
     *
     * @return true when this call marked the thread
     */
    public static boolean begin() {
        if (inAgentWork()) {
            return false;
        }
        mark();
        return true;
    }

    /** Ends what {@link #begin} started, when it returned true. */
    public static void end(boolean began) {
        if (began) {
            unmark();
        }
    }

    /** Ends what {@link #mark} started; harmless when the thread is not marked. */
    public static void unmark() {
        if (THREADS.remove(Thread.currentThread())) {
            BUSY.decrementAndGet();
        }
    }
}
