package io.selfheal.bootstrap;

/**
 * The static gateway that woven methods call. It lives on the bootstrap class path so that code in
 * any class loader, JDK classes included, can reach it.
 *
 * <p>Every method guards the handler call: a fault inside the agent is reported through {@link
 * HealingHandler#fault} and the woven method goes on exactly as if it were not woven. Only a
 * {@link SelfhealException} (thrown on purpose) passes through.
 */
public final class Healing {

    /** From {@link #shortCircuit}: run the body after all. */
    public static final Object PROCEED = new Marker("PROCEED");
    /** From {@link #enter}: do not run the body; ask {@link #shortCircuit} for the answer. */
    public static final Object SHORT_CIRCUIT = new Marker("SHORT_CIRCUIT");
    /** From {@link #shortCircuit}: call again with the arguments. */
    public static final Object NEEDS_ARGUMENTS = new Marker("NEEDS_ARGUMENTS");
    /** From {@link #failure}: rethrow the original throwable unchanged. */
    public static final Object RETHROW = new Marker("RETHROW");

    private static final HealingHandler IDLE = new IdleHandler();

    private static volatile HealingHandler handler = IDLE;

    private Healing() {
    }

    /** Installs the runtime's handler; {@code null} makes every woven method behave as unwoven. */
    public static void install(HealingHandler newHandler) {
        handler = newHandler == null ? IDLE : newHandler;
    }

    public static HealingHandler installed() {
        return handler;
    }

    public static Object enter(int site, Object self) {
        HealingHandler h = handler;
        try {
            return h.enter(site, self);
        } catch (Throwable fault) {
            report(h, "enter", fault);
            return null;
        }
    }

    /** The entry of a hedged site: as {@link #enter}, with the arguments a copy of the call runs with. */
    public static Object enterHedged(int site, Object self, Object[] arguments) {
        HealingHandler h = handler;
        try {
            return h.enterHedged(site, self, arguments);
        } catch (Throwable fault) {
            report(h, "enter", fault);
            return null;
        }
    }

    public static Object shortCircuit(int site, Object self, Object[] arguments) {
        HealingHandler h = handler;
        try {
            // Not marked as agent work here: an open circuit answered by a value must allocate
            // nothing. The fallback chain marks the thread around a fallback method it calls.
            return h.shortCircuit(site, self, arguments);
        } catch (SelfhealException deliberate) {
            throw deliberate;
        } catch (Throwable fault) {
            report(h, "short-circuit", fault);
            return PROCEED;
        }
    }

    public static void success(int site, Object token) {
        HealingHandler h = handler;
        try {
            h.success(site, token);
        } catch (Throwable fault) {
            report(h, "success", fault);
        }
    }

    /** At each return of a site woven for {@code retry.on-result}; a fault returns {@code value} as it was. */
    public static Object returned(int site, Object token, Object value, Object self, Object[] arguments) {
        HealingHandler h = handler;
        try {
            return h.returned(site, token, value, self, arguments);
        } catch (Throwable fault) {
            report(h, "returned", fault);
            return value;
        }
    }

    /**
     * At each return of a woven method that returns a {@code CompletionStage}: hands the stage to the
     * runtime, which heals its outcome, and returns the stage the caller gets (at once).
     */
    public static Object stageReturned(int site, Object token, Object self, Object stage, Object[] arguments) {
        HealingHandler h = handler;
        try {
            return h.stageReturned(site, token, self, stage, arguments);
        } catch (Throwable fault) {
            report(h, "stage-returned", fault);
            return stage;
        }
    }

    public static Object failure(int site, Object token, Object self, Throwable thrown,
            Object[] arguments) {
        HealingHandler h = handler;
        if (ReentryGuard.inAgentWork()) {
            return RETHROW;   // a woven call inside the agent's own work heals nothing
        }
        try {
            // Classifying, events, restore, fallback: the agent's work, during which woven calls act
            // unwoven. Unmarked here, in the frame nearest the woven method, where a stack overflow
            // deep inside has left the most room to do it (and once more in finally).
            ReentryGuard.mark();
            return h.failure(site, token, self, thrown, arguments);
        } catch (Throwable fault) {
            ReentryGuard.unmark();
            report(h, "failure", fault);
            return RETHROW;
        } finally {
            ReentryGuard.unmark();
        }
    }

    private static void report(HealingHandler h, String where, Throwable fault) {
        try {
            h.fault(where, fault);
        } catch (Throwable ignored) {
            // The fault reporter itself failed; there is nowhere left to say so without risking
            // the application. The woven method still goes on as unwoven.
        }
    }

    private static final class Marker {
        private final String name;

        Marker(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return "Healing." + name;
        }
    }

    /** The handler before the runtime starts: everything proceeds. */
    private static final class IdleHandler implements HealingHandler {
        @Override
        public Object enter(int site, Object self) {
            return null;
        }

        @Override
        public Object shortCircuit(int site, Object self, Object[] arguments) {
            return PROCEED;
        }

        @Override
        public void success(int site, Object token) {
        }

        @Override
        public Object failure(int site, Object token, Object self, Throwable thrown,
                Object[] arguments) {
            return RETHROW;
        }

        @Override
        public void fault(String where, Throwable fault) {
        }
    }
}
