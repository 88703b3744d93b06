package io.selfheal.runtime.engine;

import java.util.HashSet;
import java.util.Set;

/**
 * A test switch: {@code -Dselfheal.test.fail-at=enter,success,failure,fallback,events,jmx,build,code}
 * makes the runtime throw at those entry points ({@code build}: the agent's build at its first
 * use), so the tests can prove that a fault inside the agent
 * never reaches the application. Read once, when the engine starts, into static finals: with the
 * switch off each check is a constant {@code false} the JIT removes, so the hot path pays nothing.
 * Not a user feature; the README's reliability section names it.
 */
public final class FaultInjection {
    public static final String PROPERTY = "selfheal.test.fail-at";
    private static final String[] NAMES = {"enter", "success", "failure", "fallback", "events", "jmx", "build", "code"};
    public static final Set<String> KINDS = Set.of(NAMES);

    public static final int ENTER = 1;
    public static final int SUCCESS = 1 << 1;
    public static final int FAILURE = 1 << 2;
    public static final int FALLBACK = 1 << 3;
    public static final int EVENTS = 1 << 4;
    public static final int JMX = 1 << 5;
    public static final int BUILD = 1 << 6;
    /** A call from code ({@code SelfHeal.call}) finding its site. */
    public static final int CODE = 1 << 7;
    private static final Set<String> ON = parse(System.getProperty(PROPERTY, ""));
    /** The kinds that are on, one bit each: a constant 0 the JIT folds away when the switch is off. */
    private static final int MASK = mask(ON);

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

    /** The one hook: throws on purpose at {@code kind} (one of the constants) when the switch names it. */
    public static void at(int kind) {
        if ((MASK & kind) != 0) {
            throw new InjectedFault(nameOf(kind));
        }
    }

    private static int mask(Set<String> on) {
        int m = 0;
        for (int i = 0; i < NAMES.length; i++) {
            if (on.contains(NAMES[i])) {
                m |= 1 << i;
            }
        }
        return m;
    }

    private static String nameOf(int kind) {
        return NAMES[Integer.numberOfTrailingZeros(kind)];
    }

    /** Thrown only by the test switch. */
    public static final class InjectedFault extends RuntimeException {
        InjectedFault(String where) {
            super("injected by -D" + PROPERTY + " at " + where);
        }
    }
}
