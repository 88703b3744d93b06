package io.selfheal.runtime.state;

/**
 * The JDK types a snapshot cannot copy faithfully without running their code: they hold a thread,
 * a lock's owner, an open file or socket, a reference the garbage collector treats specially. Known
 * by name, so the weaver can name them from a field's declared type without loading anything; the
 * copier keeps such values by reference.
 */
public final class Uncopyable {
    private Uncopyable() {
    }

    /** Why values of {@code className} are kept by reference, or {@code null} when they can be copied. */
    public static String reason(String className) {
        if (className.equals("java.lang.Thread") || className.equals("java.lang.ThreadGroup")
                || className.equals("java.lang.VirtualThread")) {
            return "a thread";
        }
        if (className.equals("java.lang.ClassLoader") || className.endsWith("ClassLoader") && className.startsWith("java.")) {
            return "a class loader";
        }
        if (className.startsWith("java.lang.ref.")) {
            return "a reference the garbage collector treats specially";
        }
        if (className.equals("java.util.WeakHashMap")) {
            return "a weak map (its entries are references the garbage collector clears)";
        }
        if (className.startsWith("java.util.concurrent.locks.")) {
            return "a lock (a copy would carry its owner and waiters)";
        }
        if (className.startsWith("java.io.") && (className.endsWith("Stream") || className.endsWith("Reader")
                || className.endsWith("Writer") || className.equals("java.io.RandomAccessFile"))) {
            return "an open stream";
        }
        if (className.startsWith("java.nio.channels.") || className.equals("java.net.Socket")
                || className.equals("java.net.ServerSocket") || className.equals("java.net.DatagramSocket")) {
            return "an open channel or socket";
        }
        if (className.startsWith("java.util.concurrent.") && (className.contains("Executor")
                || className.endsWith("Future") || className.endsWith("Latch") || className.endsWith("Semaphore")
                || className.endsWith("Barrier") || className.endsWith("Phaser") || className.endsWith("Exchanger")
                || className.endsWith("ForkJoinPool"))) {
            return "an executor or synchronizer (it holds threads or waiters)";
        }
        if (className.startsWith("java.sql.") && (className.endsWith("Connection") || className.endsWith("Statement")
                || className.endsWith("ResultSet"))) {
            return "a database resource";
        }
        return null;
    }
}
