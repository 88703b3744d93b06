package io.selfheal.bootstrap;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The gateway through which code, rather than a woven method, runs a block under a named target's
 * healing ({@code SelfHeal.call} in the {@code selfheal-api} jar). It is on the boot class path,
 * so an API jar in any class loader (a web application's, a child-first one) finds it with
 * {@code Class.forName("io.selfheal.bootstrap.CodeHealing", false, null)}; every signature holds
 * only JDK types, so nothing of the agent's crosses into the application's loader.
 *
 * <p>{@link #call} runs the same loop woven code runs, through the same {@link Healing} entry
 * points and the same site registry, so a target healed by weaving and from code has one engine,
 * one set of stages and one set of figures. Without an installed handler (no agent, or the agent
 * turned off), or for a name the config has no target of, the block just runs.
 */
public final class CodeHealing {
    /** A code block takes no arguments: the one array the short-circuit and failure paths are handed. */
    private static final Object[] NO_ARGUMENTS = new Object[0];

    private static volatile CodeHandler handler;

    private CodeHealing() {
    }

    /** Installs the agent's handler; {@code null} makes every call run its block as is. */
    public static void install(CodeHandler newHandler) {
        handler = newHandler;
    }

    /** True while an agent is installed behind the gateway. */
    public static boolean isActive() {
        return handler != null;
    }

    /** True when an agent is installed and its config has a target named {@code target}. */
    public static boolean isActive(String target) {
        CodeHandler h = handler;
        if (h == null || target == null) {
            return false;
        }
        try {
            return h.hasTarget(target);
        } catch (Throwable fault) {
            report(h, "code-call", fault);
            return false;
        }
    }

    /**
     * Runs {@code body} under the healing of the target named {@code target}: what it returns, a
     * fallback's value, or the exception it threw, unchanged (checked ones included).
     */
    public static Object call(String target, Callable<?> body) throws Exception {
        CodeHandler h = handler;
        if (h == null) {
            return body.call();
        }
        int site;
        try {
            site = h.site(target, body.getClass().getClassLoader());
        } catch (Throwable fault) {
            report(h, "code-call", fault);
            site = -1;
        }
        if (site < 0) {
            return body.call();
        }
        // The woven method's loop (docs/architecture.md, "The path of one call"), over the same gateway.
        Object token = Healing.enter(site, null);
        if (token == Healing.SHORT_CIRCUIT) {
            Object answer = Healing.shortCircuit(site, null, NO_ARGUMENTS);
            if (answer != Healing.PROCEED) {
                return answer;
            }
        }
        while (true) {
            Object value;
            try {
                value = body.call();
            } catch (Throwable thrown) {
                Object decision = Healing.failure(site, token, null, thrown, NO_ARGUMENTS);
                if (decision instanceof Retry) {
                    token = decision;
                    continue;
                }
                if (decision == Healing.RETHROW) {
                    throw CodeHealing.<RuntimeException>unchanged(thrown);
                }
                return decision;
            }
            // Outside the try, as in woven code: the agent's bookkeeping is never taken for the body's failure.
            Healing.success(site, token);
            return value;
        }
    }

    /** See {@link CodeHandler#subscribe}; without an agent a subscription that hears nothing. */
    public static AutoCloseable subscribe(String target, Collection<String> types,
            Consumer<Map<String, Object>> listener) {
        CodeHandler h = handler;
        if (h != null) {
            try {
                return h.subscribe(target, types, listener);
            } catch (Throwable fault) {
                report(h, "event-listener", fault);
            }
        }
        return NOTHING;
    }

    /** Events not handed to listeners because their queue was full; 0 without an agent. */
    public static long droppedEvents() {
        CodeHandler h = handler;
        try {
            return h == null ? 0 : h.droppedEvents();
        } catch (Throwable fault) {
            report(h, "event-listener", fault);
            return 0;
        }
    }

    /** The target's MBean figures by attribute name; {@code null} without an agent or such a target. */
    public static Map<String, Object> stats(String target) {
        CodeHandler h = handler;
        if (h == null || target == null) {
            return null;
        }
        try {
            return h.stats(target);
        } catch (Throwable fault) {
            report(h, "code-stats", fault);
            return null;
        }
    }

    private static final AutoCloseable NOTHING = new AutoCloseable() {
        @Override
        public void close() {
        }
    };

    /** Rethrows {@code t} as it is: the block's own exception, checked or not, reaches its caller unchanged. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E unchanged(Throwable t) throws E {
        throw (E) t;
    }

    private static void report(CodeHandler h, String where, Throwable fault) {
        try {
            h.fault(where, fault);
        } catch (Throwable ignored) {
            // Nowhere left to say so without risking the application.
        }
    }
}
