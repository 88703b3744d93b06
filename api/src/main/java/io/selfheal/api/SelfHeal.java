package io.selfheal.api;

import java.lang.invoke.MethodHandle;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Healing from code: run a block under the healing of a target of the selfheal config, hear the
 * healing log's events in-process, read a target's figures.
 *
 * <pre>{@code
 * Quote q = SelfHeal.call("quotes", () -> client.fetch(symbol));   // retried, fallen back, ... per the YAML
 * }</pre>
 *
 * <p>The target is named in the YAML like any other; one used only from code has no {@code class:}.
 * The block runs on the very engine woven methods run on: one set of stages, events and figures per
 * target, whether its calls are woven or come from here (docs/from-code.md).
 *
 * <p>With no agent in the JVM (or one that is turned off), or for a name the config has no target
 * of, the block runs once, as it is; {@link #isActive()} says which. The agent is looked for once, at
 * the first use of this class: an agent attached to the JVM later is not seen by it.
 */
public final class SelfHeal {
    private SelfHeal() {
    }

    /**
     * Runs {@code block} under the healing of the target named {@code target}: what the block
     * returns, or a fallback's value, or the block's exception unchanged (checked ones included;
     * an open circuit without a fallback throws the agent's {@code CircuitOpenException}).
     *
     * <p>A fallback {@code value:} in the YAML is given as YAML reads it (a String, a number, a
     * List, a Map); a {@code method:} fallback is a static method with no parameters (or one
     * {@code Throwable}), in the class loader of the block's class.
     */
    @SuppressWarnings("unchecked")
    public static <T, E extends Exception> T call(String target, CheckedSupplier<T, E> block) throws E {
        MethodHandle gateway = AgentLink.CALL;
        if (gateway == null) {
            return block.get();
        }
        try {
            return (T) (Object) gateway.invokeExact(target, (Callable<?>) block);
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable checked) {
            throw AgentLink.<E>unchanged(checked);
        }
    }

    /** As {@link #call}, for a block that gives no value. */
    public static <E extends Exception> void run(String target, CheckedRunnable<E> block) throws E {
        MethodHandle gateway = AgentLink.CALL;
        if (gateway == null) {
            block.run();
            return;
        }
        try {
            Object ignored = (Object) gateway.invokeExact(target, (Callable<?>) block);
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable checked) {
            throw AgentLink.<E>unchanged(checked);
        }
    }

    /**
     * Runs {@code block}, which starts an asynchronous call and returns its stage, under the healing
     * of the target named {@code target}, and returns the stage the caller gets, at once. The target
     * heals the stage's outcome as it heals a woven method that returns a {@code CompletionStage}
     * (docs/async.md): a retry calls {@code block} again after a backoff that blocks no thread (the
     * cause, not the {@code CompletionException} wrapper, is what {@code on}/{@code ignore} match),
     * the circuit breaker and bulkhead count the call at its completion, a timeout fails the stage
     * with {@code TimeoutException}, a fallback completes it. A throw from {@code block} itself heals
     * as in {@link #call}.
     *
     * <p>With no agent, or for a name the config has no target of, {@code block}'s own stage.
     */
    @SuppressWarnings("unchecked")
    public static <T> CompletionStage<T> callAsync(String target, StageSupplier<T> block) {
        MethodHandle gateway = AgentLink.CALL_ASYNC;
        if (gateway == null) {
            return block.get();
        }
        try {
            return (CompletionStage<T>) (Object) gateway.invokeExact(target, (Callable<?>) block);
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable checked) {
            throw new CompletionException(checked);   // a Supplier throws nothing checked: the agent's own, never expected
        }
    }

    /** True when a selfheal agent runs in this JVM and heals: blocks run under their targets' healing. */
    public static boolean isActive() {
        MethodHandle active = AgentLink.ACTIVE;
        try {
            return active != null && (boolean) active.invokeExact();
        } catch (Throwable t) {
            return false;
        }
    }

    /** True when {@link #isActive()} and the config in force has a target named {@code target}. */
    public static boolean isActive(String target) {
        MethodHandle active = AgentLink.ACTIVE_TARGET;
        try {
            return active != null && (boolean) active.invokeExact(target);
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * Hands every later event of the healing log, of every target, to {@code listener}. See
     * {@link #onEvent(String, Collection, Consumer)}.
     */
    public static Subscription onEvent(Consumer<? super HealingEvent> listener) {
        return onEvent(null, null, listener);
    }

    /**
     * Hands every later event of {@code target} (every target when null) whose type is one of
     * {@code types} (the log's names: {@code retry}, {@code healed}, {@code fallback}, ...; every type
     * when null or empty) to {@code listener}. Events arrive on the agent's listener thread
     * ({@code selfheal-listeners}), never the thread that caused them, one at a time, in the order
     * they happened; a listener that throws is logged once as an {@code agent-fault} and keeps
     * hearing. When listeners fall far behind, events are dropped and counted
     * ({@link #droppedEvents()}) rather than the application slowed. With no agent, nothing is heard.
     *
     * @return close it to stop hearing
     * @throws IllegalArgumentException (with an agent) for a type the healing log has not, naming the ones it has
     */
    public static Subscription onEvent(String target, Collection<String> types,
            Consumer<? super HealingEvent> listener) {
        if (listener == null) {
            throw new NullPointerException("listener");
        }
        MethodHandle subscribe = AgentLink.SUBSCRIBE;
        if (subscribe == null) {
            return Subscription.NONE;
        }
        Consumer<Map<String, Object>> fromLog = new Consumer<Map<String, Object>>() {
            @Override
            public void accept(Map<String, Object> fields) {
                listener.accept(HealingEvent.of(fields));
            }
        };
        try {
            AutoCloseable subscribed = (AutoCloseable) subscribe.invokeExact(target, types, fromLog);
            return new Subscription() {
                @Override
                public void close() {
                    try {
                        subscribed.close();
                    } catch (Exception ignored) {
                        // the agent's own subscription does not throw
                    }
                }
            };
        } catch (IllegalArgumentException mistake) {
            throw mistake;
        } catch (Throwable t) {
            return Subscription.NONE;
        }
    }

    /** Events the listeners missed because they fell too far behind; 0 with no agent. */
    public static long droppedEvents() {
        MethodHandle dropped = AgentLink.DROPPED;
        try {
            return dropped == null ? 0 : (long) dropped.invokeExact();
        } catch (Throwable t) {
            return 0;
        }
    }

    /**
     * The figures of {@code target}'s MBean now; with no agent, or no such target in the config,
     * a record whose {@code configured()} is false and whose counts are 0.
     */
    @SuppressWarnings("unchecked")
    public static TargetStats stats(String target) {
        MethodHandle stats = AgentLink.STATS;
        if (stats == null) {
            return TargetStats.unknown(target);
        }
        try {
            Map<String, Object> figures = (Map<String, Object>) stats.invokeExact(target);
            return figures == null ? TargetStats.unknown(target) : TargetStats.of(target, figures);
        } catch (Throwable t) {
            return TargetStats.unknown(target);
        }
    }

    /** What {@link #onEvent} returns: close it to stop hearing. Its {@code close} throws nothing. */
    public interface Subscription extends AutoCloseable {
        /** A subscription that hears nothing (no agent). */
        Subscription NONE = new Subscription() {
            @Override
            public void close() {
            }
        };

        @Override
        void close();
    }
}
