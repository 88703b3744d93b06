package io.selfheal.bootstrap;

import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@link CodeHealing} forwards code's calls to (the agent installs one at start). Only JDK
 * types in the signatures: the API that calls {@link CodeHealing} may live in any class loader,
 * and knows nothing of the agent's classes.
 *
 * <p>Implementations may throw; {@link CodeHealing} turns any throwable into an agent fault and the
 * code runs as if the agent were not there.
 */
public interface CodeHandler {
    /** From {@link #site}: the agent cannot say now (it is being built on this thread, say). */
    int NOT_NOW = -2;

    /**
     * The site, in the engine's own registry of sites, through which code of {@code loader} runs
     * under the target named {@code target}; {@code -1} when the config has no such target (an
     * answer {@link CodeHealing} keeps until the config changes), {@link #NOT_NOW} when the agent
     * cannot say yet (asked again at the next call). The block runs as is on either.
     */
    int site(String target, ClassLoader loader);

    /**
     * As {@link #site}, for blocks that return a {@code CompletionStage} ({@code SelfHeal.callAsync}):
     * a site of its own, whose calls end when the returned stage completes.
     */
    default int asyncSite(String target, ClassLoader loader) {
        return -1;
    }

    /** True when the config in force has a target of that name. */
    boolean hasTarget(String target);

    /**
     * Hands every later event of {@code target} (all targets when null) whose type is one of
     * {@code types} (every type when null or empty) to {@code listener}, as the healing log's
     * fields, on the agent's listener thread, in order.
     *
     * @return closing it ends the subscription
     * @throws IllegalArgumentException for a type the healing log has not
     */
    AutoCloseable subscribe(String target, Collection<String> types, Consumer<Map<String, Object>> listener);

    /** Events not handed to listeners because their queue was full. */
    long droppedEvents();

    /** The figures of the target's MBean by attribute name; {@code null} when there is no such target. */
    Map<String, Object> stats(String target);

    /** A fault inside the agent's own code; the caller goes on as if the agent were not there. Must not throw. */
    void fault(String where, Throwable fault);
}
