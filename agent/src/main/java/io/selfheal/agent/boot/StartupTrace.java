package io.selfheal.agent.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * With {@code -Dselfheal.debug.startup=true}, prints how long each phase of the agent's start
 * took: wall time since {@code premain} was called and, on Linux, the CPU time the calling thread
 * has used (steadier than wall time on a busy machine). Without the flag every call is one
 * boolean test.
 */
public final class StartupTrace {
    private static final boolean ON = Boolean.getBoolean("selfheal.debug.startup");
    private static final long START = System.nanoTime();
    private static final Path THREAD_CPU = Path.of("/proc/thread-self/schedstat");

    private StartupTrace() {
    }

    public static void mark(String phase) {
        if (ON) {
            // Plain concatenation: a Formatter would load dozens of classes and skew what is measured.
            System.err.println("[selfheal] start-up +" + millis(System.nanoTime() - START) + " ms wall, "
                    + threadCpu() + " ms cpu: " + phase + " (" + Thread.currentThread().getName() + ")");
        }
    }

    private static String threadCpu() {
        try {
            String text = Files.readString(THREAD_CPU);
            return millis(Long.parseLong(text.substring(0, text.indexOf(' '))));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String millis(long nanos) {
        long micros = nanos / 1000;
        return micros / 1000 + "." + micros / 100 % 10;
    }
}
