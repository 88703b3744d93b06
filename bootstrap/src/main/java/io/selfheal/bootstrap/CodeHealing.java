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
    private static volatile CodeSiteCache sites = CodeSiteCache.EMPTY;
    /** The sites of blocks that return a stage ({@link #callAsync}): one cache per kind of site. */
    private static volatile CodeSiteCache asyncSites = CodeSiteCache.EMPTY;
    /** Raised by each {@link #forgetSites}: a site found before it is not kept after it. */
    private static volatile int generation;

    private CodeHealing() {
    }

    /** Installs the agent's handler; {@code null} makes every call run its block as is. */
    public static void install(CodeHandler newHandler) {
        handler = newHandler;
        forgetSites();
    }

    /**
     * Called when the targets change (a config reload): every (name, loader) asks the handler for
     * its site again, so a call reaches the target now in force, or runs as is when it is gone.
     */
    public static void forgetSites() {
        synchronized (CodeSiteCache.class) {
            generation++;
            sites = CodeSiteCache.EMPTY;
            asyncSites = CodeSiteCache.EMPTY;
        }
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
        int site = siteOf(h, target, body);
        return site < 0 ? body.call() : heal(site, body, false);
    }

    /**
     * Runs {@code body}, a block that returns a {@code CompletionStage}, under the healing of the
     * target named {@code target}, and returns the stage the caller gets: healed on the outcome of
     * the block's stage, as a woven method that returns a stage is (a retry calls the block again,
     * after a backoff that blocks no thread). A synchronous throw heals as in {@link #call}.
     */
    public static Object callAsync(String target, Callable<?> body) throws Exception {
        CodeHandler h = handler;
        if (h == null) {
            return body.call();
        }
        int site = siteOf(h, target, body, true);
        return site < 0 ? body.call() : heal(site, body, true);
    }

    /** The site of the block's loader under {@code target}: from the cache, else from the handler, then kept. */
    private static int siteOf(CodeHandler h, String target, Callable<?> body) {
        return siteOf(h, target, body, false);
    }

    private static int siteOf(CodeHandler h, String target, Callable<?> body, boolean async) {
        if (target == null) {
            return -1;
        }
        ClassLoader loader = body.getClass().getClassLoader();
        int site = (async ? asyncSites : sites).find(target, loader);
        if (site != CodeSiteCache.UNKNOWN) {
            return site;
        }
        int seen = generation;
        try {
            site = async ? h.asyncSite(target, loader) : h.site(target, loader);
        } catch (Throwable fault) {
            report(h, "code-call", fault);
            return -1;   // not kept: a fault is not an answer
        }
        if (site < -1) {
            return site;   // the agent cannot say yet: asked again next time
        }
        synchronized (CodeSiteCache.class) {
            if (handler == h && generation == seen) {
                if (async) {
                    asyncSites = asyncSites.with(target, loader, site);
                } else {
                    sites = sites.with(target, loader, site);
                }
            }
        }
        return site;
    }

    /**
     * The woven method's loop (docs/architecture.md, "The path of one call"), over the same gateway.
     *
     * @param returnsStage the block returns a stage ({@link #callAsync}): its value goes to {@link
     *     Healing#stageReturned} instead of the success call, with the block as the one "argument" the
     *     runtime keeps to run it again for a retry
     */
    private static Object heal(int site, Callable<?> body, boolean returnsStage) throws Exception {
        Object[] arguments = returnsStage ? new Object[] {body} : NO_ARGUMENTS;
        Object token = Healing.enter(site, null);
        if (token == Healing.SHORT_CIRCUIT) {
            Object answer = Healing.shortCircuit(site, null, arguments);
            if (answer != Healing.PROCEED) {
                return answer;
            }
        }
        while (true) {
            Object value;
            try {
                value = body.call();
            } catch (Throwable thrown) {
                Object decision = Healing.failure(site, token, null, thrown, arguments);
                if (decision instanceof Retry) {
                    token = decision;
                    continue;
                }
                if (decision == Healing.RETHROW) {
                    throw CodeHealing.<RuntimeException>unchanged(thrown);
                }
                return decision;
            }
            if (returnsStage) {
                return Healing.stageReturned(site, token, null, value, arguments);
            }
            // Outside the try, as in woven code: the agent's bookkeeping is never taken for the body's failure.
            Healing.success(site, token);
            return value;
        }
    }

    /**
     * See {@link CodeHandler#subscribe}; without an agent a subscription that hears nothing.
     *
     * @throws IllegalArgumentException from the agent, for a type the healing log has not: the
     *     caller's mistake, said to the caller
     */
    public static AutoCloseable subscribe(String target, Collection<String> types,
            Consumer<Map<String, Object>> listener) {
        CodeHandler h = handler;
        if (h != null) {
            try {
                return h.subscribe(target, types, listener);
            } catch (IllegalArgumentException mistake) {
                throw mistake;
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
