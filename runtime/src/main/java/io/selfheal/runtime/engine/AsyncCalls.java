package io.selfheal.runtime.engine;

import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.ReentryGuard;
import io.selfheal.runtime.time.LazyDaemonScheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Heals a woven call that returned a {@code CompletionStage} on the stage's outcome: the caller gets
 * a stage of ours at once, and the target's stages run when the returned one completes, as for a
 * synchronous run that returned or threw (the same pipeline, the same books: a bulkhead permit is
 * held, a circuit counts, latency is measured until completion). A retry runs the body again
 * through the {@link BodyInvoker} after its backoff, on a scheduler, blocking no thread; a
 * {@code timeout:} fails the run's stage with a {@code TimeoutException} and cancels it; a fallback
 * completes ours with its value. Ours completes once: healed, or with the last failure.
 */
final class AsyncCalls {
    /** When things happen off the caller's thread: injected by tests, so no test waits for a backoff. */
    interface Scheduler {
        /** Runs {@code task} after {@code nanos}; the future cancels it. */
        Future<?> schedule(Runnable task, long nanos);

        /** Runs {@code task} now, on some thread that is not the caller's (a body run again). */
        void execute(Runnable task);
    }

    private final HealingPipeline pipeline;
    private final EngineContext context;
    private final Scheduler scheduler;

    AsyncCalls(HealingPipeline pipeline, EngineContext context, Scheduler scheduler) {
        this.pipeline = pipeline;
        this.context = context;
        this.scheduler = scheduler;
    }

    /** The scheduler of a running agent: one daemon timer thread ({@code selfheal-async}), bodies on the common pool. */
    static Scheduler systemScheduler() {
        LazyDaemonScheduler timer = new LazyDaemonScheduler("selfheal-async");
        Executor pool = ForkJoinPool.commonPool();
        return new Scheduler() {
            @Override
            public Future<?> schedule(Runnable task, long nanos) {
                return timer.get().schedule(task, nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void execute(Runnable task) {
                pool.execute(task);
            }
        };
    }

    /** Follows the stage a call's first run returned; returns the stage the caller gets. */
    Object follow(Site site, Object token, Object self, CompletionStage<?> stage, Object[] arguments) {
        Call call = new Call(site, self, arguments);
        follow(call, token, stage);
        return call.result;
    }

    private void follow(Call call, Object token, CompletionStage<?> stage) {
        Attempt a = new Attempt(call, token, stage);
        long timeout = call.site.target().timeoutNanos();
        if (timeout > 0) {
            a.timer = scheduler.schedule(a, timeout);
        }
        try {
            stage.whenComplete(a);
        } catch (RuntimeException | LinkageError broken) {
            a.accept(null, broken);   // a stage that cannot be followed failed this run
        }
    }

    /** One call being healed: what a run of its body again needs, and the stage its caller holds. */
    private static final class Call {
        final Site site;
        final Object self;
        final Object[] arguments;
        final CompletableFuture<Object> result = new CompletableFuture<>();
        /** What its latest run failed with: what the caller gets when healing ends unhealed. */
        volatile Throwable lastFailure;

        Call(Site site, Object self, Object[] arguments) {
            this.site = site;
            this.self = self;
            this.arguments = arguments;
        }
    }

    /** One run's stage: ended once, by its completion or by its timeout, whichever comes first. */
    private final class Attempt extends AtomicBoolean implements BiConsumer<Object, Throwable>, Runnable {
        final Call call;
        final Object token;
        final CompletionStage<?> stage;
        volatile Future<?> timer;

        Attempt(Call call, Object token, CompletionStage<?> stage) {
            this.call = call;
            this.token = token;
            this.stage = stage;
        }

        /** The stage completed. */
        @Override
        public void accept(Object value, Throwable error) {
            if (!compareAndSet(false, true)) {
                return;   // timed out already
            }
            Future<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            if (error == null) {
                succeeded(call, token, value);
            } else {
                failed(call, token, AsyncReturn.cause(error));
            }
        }

        /** The timeout fired. */
        @Override
        public void run() {
            if (!compareAndSet(false, true)) {
                return;   // completed in time
            }
            try {
                stage.toCompletableFuture().cancel(true);
            } catch (RuntimeException cannot) {
                // a stage of the application's own that cannot be cancelled: it is let run, unheeded
            }
            HealingEvents events = context.events();
            TimeoutException timeout = events.timeoutException(call.site, null);
            try {
                events.timedOut(call.site, call.site.target(), timeout, null,
                        token instanceof CallState c ? c.attempt : 1, "cancelled", token instanceof CallState c ? c : null);
            } catch (RuntimeException fault) {
                context.faults().report("timeout", fault);
            }
            failed(call, token, timeout);
        }
    }

    private void succeeded(Call call, Object token, Object value) {
        try {
            pipeline.success(call.site.id(), token);
        } catch (Throwable fault) {
            context.faults().report("success", fault);
        }
        call.result.complete(value);
    }

    private void failed(Call call, Object token, Throwable failure) {
        call.lastFailure = failure;
        Object decision;
        boolean began = ReentryGuard.begin();
        try {
            decision = pipeline.failure(call.site.id(), token, call.self, failure, call.arguments, true);
        } catch (Throwable fault) {
            context.faults().report("failure", fault);
            decision = Healing.RETHROW;
        } finally {
            ReentryGuard.end(began);
        }
        decided(call, decision, failure);
    }

    /** What the stages decided about a failed run: the caller's stage completes, or a run again is scheduled. */
    private void decided(Call call, Object decision, Throwable failure) {
        if (decision == Healing.RETHROW) {
            call.result.completeExceptionally(failure);
        } else if (decision instanceof CallState retry) {
            Runnable rerun = () -> runAgain(call, retry);
            long delay = TimeUnit.MILLISECONDS.toNanos(retry.asyncDelayMillis);
            if (delay <= 0) {
                scheduler.execute(rerun);
            } else {
                scheduler.schedule(() -> scheduler.execute(rerun), delay);
            }
        } else if (decision instanceof CompletionStage<?> stage) {
            AsyncReturn.completeWith(call.result, stage);   // a fallback method's stage
        } else {
            call.result.complete(decision);
        }
    }

    /** After the backoff: the body again, with the call's arguments, as the retry's run. */
    private void runAgain(Call call, CallState retry) {
        Object halted;
        boolean began = ReentryGuard.begin();
        try {
            halted = pipeline.beforeRunAgain(call.site, retry, call.self, call.lastFailure, call.arguments);
        } catch (Throwable fault) {
            context.faults().report("failure", fault);
            halted = null;
        } finally {
            ReentryGuard.end(began);
        }
        if (halted != null) {
            decided(call, halted, call.lastFailure);   // the circuit opened during the backoff: no run
            return;
        }
        call.site.target().stats().retries.increment();
        retry.ticket = context.runs().restarted(retry.ticket);
        Object returned;
        try {
            returned = BodyInvoker.of(call.site).invoke(call.self, call.arguments);
        } catch (BodyInvoker.Unreachable unreachable) {
            context.faults().report("async-retry", unreachable);   // the agent's, not the body's: the call ends as it was
            pipeline.release(call.site.target(), retry.ticket);
            call.result.completeExceptionally(call.lastFailure);
            return;
        } catch (Throwable thrown) {
            failed(call, retry, thrown);   // a synchronous throw of the run: its failure, as a stage's would be
            return;
        }
        if (returned instanceof CompletionStage<?> stage) {
            follow(call, retry, stage);
        } else {
            succeeded(call, retry, returned);
        }
    }
}
