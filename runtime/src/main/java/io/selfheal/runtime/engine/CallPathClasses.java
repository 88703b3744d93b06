package io.selfheal.runtime.engine;

import io.selfheal.bootstrap.CircuitOpenException;
import io.selfheal.bootstrap.ConcurrencyLimitedException;
import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.IsolatedException;
import io.selfheal.bootstrap.RateLimitedException;
import io.selfheal.bootstrap.ReentryGuard;
import io.selfheal.runtime.config.Durations;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.events.Json;
import io.selfheal.runtime.state.DeepCopier;
import io.selfheal.runtime.state.FieldSet;
import io.selfheal.runtime.state.ReceiverLocks;
import io.selfheal.runtime.state.Uncopyable;

/**
 * Initialises, when the engine is built, the classes a woven call's healing reaches. A class
 * first initialised deep in the application's stack can fail there (a {@code StackOverflowError}
 * in its static initialiser) and stay unusable for the JVM's life: every later use throws
 * {@code NoClassDefFoundError}, and healing would be broken for every target. Initialised here,
 * on the agent's own shallow stack, that cannot happen.
 */
final class CallPathClasses {
    private CallPathClasses() {
    }

    /** @param restores true when some target restores state (the snapshot's classes are needed too) */
    static void initialize(boolean restores) {
        Class<?>[] always = {
            Healing.class, io.selfheal.bootstrap.Injection.class, ReentryGuard.class, CircuitOpenException.class, IsolatedException.class,
            Classifier.class, Classification.class, Classification.Category.class, Classification.Severity.class,
            CallState.class, Ticket.class, FallbackChain.class, Types.class, RetryPolicy.class, Backoff.class,
            CircuitState.class, Initiator.class, EventThrottle.class, ThreadCellCounter.class, AgentFaults.class,
            AdaptiveHealing.class, Event.class, EventType.class, Json.class, Durations.class,
            Failure.class, Stage.class, HealingPipeline.class, HealingEvents.class, Runs.class,
            // Loaded, not only for the stack: the JIT does not inline TargetRuntime.drill() at enter
            // while its return type is an unloaded class, and the success path would pay a call.
            Drill.class,
            BodyInvoker.class, AsyncReturn.class, AsyncCalls.class,
            java.util.ArrayDeque.class, java.util.IdentityHashMap.class,
            RateLimitedException.class, RateLimitStage.class, RateLimiter.class,
            ConcurrencyLimitedException.class, ConcurrencyLimit.class, ConcurrencyLimitStage.class,
            io.selfheal.runtime.limit.AdaptiveLimiter.class, io.selfheal.runtime.limit.LimitWindow.class,
        };
        initialize(always);
        initializeMembers(always);
        // The JDK's classes the agent's timers reach on a healing thread: a virtual thread that
        // waited for another's initialization of one would pin its carrier (JDK 25, VirtualThreadsTest).
        initializeByName("java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask",
                "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue",
                "java.util.concurrent.CompletableFuture$Timeout", "java.util.concurrent.CompletableFuture$Canceller");
        // Likewise the compiler's own classes of the call path's classes (switch maps, anonymous ones).
        initializeNested(HealingPipeline.class, AsyncCalls.class, Hedging.class, HedgedCall.class, RateLimitStage.class,
                TargetRuntime.class, AdaptiveHealing.class);
        ReentryGuard.prepare();
        if (restores) {
            initialize(new Class<?>[] {StateHealing.class, SiteRestore.class, FieldSet.class, DeepCopier.class,
                DeepCopier.Pass.class, DeepCopier.TooLarge.class, ReceiverLocks.class, Uncopyable.class});
            DeepCopier.prepare();
        }
    }

    /** Their member classes too (a counter's cell, say): first used on a healing thread otherwise. */
    private static void initializeMembers(Class<?>[] owners) {
        for (Class<?> owner : owners) {
            try {
                initialize(owner.getDeclaredClasses());
            } catch (LinkageError | SecurityException e) {
                // The first call that needs one initializes it.
            }
        }
    }

    private static void initializeNested(Class<?>... owners) {
        for (Class<?> owner : owners) {
            for (int i = 1; ; i++) {
                try {
                    Class.forName(owner.getName() + "$" + i, true, owner.getClassLoader());
                } catch (ClassNotFoundException | LinkageError none) {
                    break;   // numbered from 1 without gaps: the first missing one is the end
                }
            }
        }
    }

    private static void initializeByName(String... names) {
        for (String name : names) {
            try {
                Class.forName(name, true, null);
            } catch (ClassNotFoundException | LinkageError e) {
                // A JDK without that inner class: nothing to prepare.
            }
        }
    }

    private static void initialize(Class<?>[] classes) {
        for (Class<?> c : classes) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // Cannot happen for the agent's own classes; if it does, the first call reports it.
            }
        }
    }
}
