package io.selfheal.runtime.engine;

import java.util.HashSet;
import java.util.Set;

/**
 * A test switch: {@code -Dselfheal.test.fail-at=enter,success,failure,fallback,events,jmx,build}
 * makes the runtime throw at those entry points ({@code build}: the agent's build at its first
 * use), so the tests can prove that a fault inside the agent
 * never reaches the application. Read once, when the engine starts, into static finals: with the
 * switch off each check is a constant {@code false} the JIT removes, so the hot path pays nothing.
 * Not a user feature; the README's reliability section names it.
 */
public final class FaultInjection {
    public static final String PROPERTY = "selfheal.test.fail-at";
    public static final Set<String> KINDS = Set.of("enter", "success", "failure", "fallback", "events", "jmx",
            "build");

    private static final Set<String> ON = parse(System.getProperty(PROPERTY, ""));
    static final boolean ENTER = ON.contains("enter");
    static final boolean SUCCESS = ON.contains("success");
    static final boolean FAILURE = ON.contains("failure");
    static final boolean FALLBACK = ON.contains("fallback");
    static final boolean EVENTS = ON.contains("events");
    public static final boolean JMX = ON.contains("jmx");
    public static final boolean BUILD = ON.contains("build");

    private FaultInjection() {
    }

    private static Set<String> parse(String text) {
        // A plain loop, not a stream: this runs at every agent start.
        Set<String> kinds = new HashSet<>();
        for (String part : text.split(",")) {
            String k = part.trim();
            if (!k.isEmpty()) {
                kinds.add(k);
            }
        }
        for (String k : kinds) {
            if (!KINDS.contains(k)) {
                System.err.println("[selfheal] -D" + PROPERTY + ": unknown kind '" + k + "' (known: " + KINDS + ")");
            }
        }
        if (!kinds.isEmpty()) {
            System.err.println("[selfheal] TEST SWITCH ON: the runtime throws on purpose at " + kinds);
        }
        return kinds;
    }

    /** Which kinds are on (forces the class, and so the reading of the property, at engine start). */
    static Set<String> enabled() {
        return ON;
    }

    /** The exception thrown on purpose at {@code where}. */
    public static RuntimeException fault(String where) {
        return new InjectedFault(where);
    }

    /** Thrown only by the test switch. */
    public static final class InjectedFault extends RuntimeException {
        InjectedFault(String where) {
            super("injected by -D" + PROPERTY + " at " + where);
        }
    }
}
