package io.selfheal.runtime.jfr;

import java.util.List;
import java.util.Optional;

/**
 * Whether a flight recording may be on, answered without loading a class of {@code jdk.jfr}: the
 * agent's event classes extend {@code jdk.jfr.Event}, and loading them when nobody records would
 * cost start-up and memory for nothing. A recording is possible once JFR has made its repository
 * (it sets the system property {@code jdk.jfr.repository} when a recording to disk starts, by
 * {@code -XX:StartFlightRecording}, {@code jcmd JFR.start} or Mission Control), or when the JVM was
 * started with {@code -XX:StartFlightRecording} (an in-memory recording makes no repository).
 * Once open the gate stays open; each event then asks JFR itself ({@code shouldCommit()}).
 */
final class FlightRecorderGate {
    static final String REPOSITORY_PROPERTY = "jdk.jfr.repository";
    private static final String START_OPTION = "-XX:StartFlightRecording";

    private final boolean jfrInRuntime;
    /** The command line and the JVM's option variables, read at the first question, then kept. */
    private volatile Boolean startedWithRecording;
    private volatile boolean open;

    FlightRecorderGate() {
        this(ModuleLayer.boot().findModule("jdk.jfr").isPresent());
    }

    FlightRecorderGate(boolean jfrInRuntime) {
        this.jfrInRuntime = jfrInRuntime;
    }

    /** True when JFR may be recording; never loads {@code jdk.jfr} to say so. */
    boolean open() {
        if (open) {
            return true;
        }
        if (!jfrInRuntime) {
            return false;
        }
        if (System.getProperty(REPOSITORY_PROPERTY) != null || startedWithRecording()) {
            open = true;
        }
        return open;
    }

    /** The cheap half of {@link #open}: JFR has made its repository. */
    boolean openedByRepository() {
        return open || jfrInRuntime && System.getProperty(REPOSITORY_PROPERTY) != null;
    }

    private boolean startedWithRecording() {
        Boolean known = startedWithRecording;
        if (known == null) {
            // Asked once, at the first healing decision, never at start; no lambda (hidden classes).
            Optional<String[]> arguments = ProcessHandle.current().info().arguments();
            known = arguments.isPresent() && mentionsRecording(List.of(arguments.get()))
                    || mentionsRecording(Optional.ofNullable(System.getenv("JAVA_TOOL_OPTIONS")))
                    || mentionsRecording(Optional.ofNullable(System.getenv("JDK_JAVA_OPTIONS")));
            startedWithRecording = known;
        }
        return known;
    }

    static boolean mentionsRecording(List<String> arguments) {
        for (String a : arguments) {
            if (a.startsWith(START_OPTION)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsRecording(Optional<String> options) {
        return options.isPresent() && options.get().contains(START_OPTION);
    }
}
