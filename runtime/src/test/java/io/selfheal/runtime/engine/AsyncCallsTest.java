package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.ReentryGuard;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link AsyncCalls} with a manual scheduler and clock: a retry is scheduled after its backoff (no
 * thread sleeps), a timeout fails the stage and cancels the inner one, exactly once, and a bulkhead
 * permit is held until the stage completes.
 */
class AsyncCallsTest {
    /** The method the sites name; not woven here, so a run again simply runs it. */
    public static final class Subject {
        static volatile Supplier<CompletionStage<String>> next;
        static volatile int runs;

        public static CompletionStage<String> call() {
            runs++;
            return next.get();
        }
    }

    /** Tasks kept until the test runs them; what was asked of it, in order. */
    static final class ManualScheduler implements AsyncCalls.Scheduler {
        final List<FutureTask<?>> pending = Collections.synchronizedList(new ArrayList<>());
        final List<Long> delaysNanos = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Future<?> schedule(Runnable task, long nanos) {
            delaysNanos.add(nanos);
            FutureTask<Object> f = new FutureTask<>(task, null);
            pending.add(f);
            return f;
        }

        @Override
        public void execute(Runnable task) {
            schedule(task, 0);
        }

        /** Runs what is due, including what those tasks schedule with no delay. */
        void runAll() {
            while (!pending.isEmpty()) {
                FutureTask<?> f = pending.remove(0);
                f.run();
            }
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final ManualScheduler scheduler = new ManualScheduler();

    private HealingEngine engine(String yaml) throws Exception {
        return new HealingEngine(ConfigLoader.parse(yaml, "t.yaml"), events::add, clock, new AgentFaults(events::add),
                scheduler);
    }

    private int site(HealingEngine engine, String target) {
        return engine.registerSite(target, Subject.class.getName(), "call", "()Ljava/util/concurrent/CompletionStage;",
                getClass().getClassLoader(), engine.target(target).config().fallback());
    }

    /** What woven code does: enter, run the body, hand its stage over. */
    private static Object call(HealingEngine engine, int site) {
        Object ctx = engine.enter(site, null);
        if (ctx == Healing.SHORT_CIRCUIT) {
            Object v = engine.shortCircuit(site, null, new Object[0]);
            if (v != Healing.PROCEED) {
                return v;
            }
        }
        return engine.stageReturned(site, ctx, null, Subject.call(), new Object[0]);
    }

    @Test
    void aRetryIsScheduledAfterItsBackoffAndNoThreadSleeps() throws Exception {
        HealingEngine engine = engine("""
                targets:
                  - name: t
                    class: x.Y
                    retry: { max-attempts: 3, backoff: { initial: 100ms, multiplier: 1, jitter: 0 } }
                """);
        int site = site(engine, "t");
        Subject.runs = 0;
        Subject.next = () -> Subject.runs < 3 ? CompletableFuture.failedFuture(new IOException("down " + Subject.runs))
                : CompletableFuture.completedFuture("ok");
        CompletableFuture<?> result = (CompletableFuture<?>) call(engine, site);
        assertFalse(result.isDone());
        assertEquals(List.of(TimeUnit.MILLISECONDS.toNanos(100)), scheduler.delaysNanos);
        assertTrue(clock.sleeps.isEmpty(), "no thread slept");
        scheduler.runAll();
        assertEquals("ok", result.get());
        assertEquals(3, Subject.runs);
        TargetStats stats = engine.target("t").stats();
        assertEquals(1, stats.calls.sum());
        assertEquals(2, stats.retries.sum());
        assertEquals(1, stats.healed.sum());
        assertFalse(ReentryGuard.anyMarks());
        List<Event> retries = of(EventType.RETRY);
        assertEquals(2, retries.size());
        assertEquals(Boolean.TRUE, retries.get(0).get("async"));
    }

    @Test
    void theLastFailureReachesTheCallerWhenRetriesRunOut() throws Exception {
        HealingEngine engine = engine("""
                targets:
                  - name: t
                    class: x.Y
                    retry: { max-attempts: 2, backoff: { initial: 10ms } }
                """);
        int site = site(engine, "t");
        Subject.runs = 0;
        Subject.next = () -> CompletableFuture.failedFuture(new java.util.concurrent.CompletionException(
                new IOException("down " + Subject.runs)));
        CompletableFuture<?> result = (CompletableFuture<?>) call(engine, site);
        scheduler.runAll();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, result::get);
        assertInstanceOf(IOException.class, e.getCause(), "the cause, unwrapped");
        assertEquals("down 2", e.getCause().getMessage());
        assertEquals(1, engine.target("t").stats().unhealed.sum());
    }

    @Test
    void aTimeoutFailsTheStageCancelsTheInnerOneAndALateCompletionIsIgnored() throws Exception {
        HealingEngine engine = engine("""
                targets:
                  - name: t
                    class: x.Y
                    timeout: 1s
                    circuit-breaker: { failure-threshold: 1, open-for: 1h }
                """);
        int site = site(engine, "t");
        CompletableFuture<String> inner = new CompletableFuture<>();
        Subject.next = () -> inner;
        CompletableFuture<?> result = (CompletableFuture<?>) call(engine, site);
        assertEquals(List.of(TimeUnit.SECONDS.toNanos(1)), scheduler.delaysNanos);
        scheduler.runAll();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, result::get);
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(inner.isCancelled());
        assertFalse(inner.complete("late"), "cancelled already");
        assertEquals(1, engine.target("t").stats().failures.sum(), "counted once");
        assertEquals("open", engine.target("t").breaker().state().toString().toLowerCase(java.util.Locale.ROOT));
        Event timeout = of(EventType.TIMEOUT).get(0);
        assertEquals("cancelled", timeout.get("outcome"));
    }

    @Test
    void aBulkheadPermitIsHeldUntilTheStageCompletes() throws Exception {
        HealingEngine engine = engine("""
                targets:
                  - name: t
                    class: x.Y
                    isolate: { max-concurrent: 1 }
                    fallback:
                      - value: busy
                """);
        int site = site(engine, "t");
        CompletableFuture<String> first = new CompletableFuture<>();
        Subject.next = () -> first;
        CompletableFuture<?> a = (CompletableFuture<?>) call(engine, site);
        Subject.next = () -> CompletableFuture.completedFuture("second");
        Object b = call(engine, site);
        assertEquals("busy", ((CompletableFuture<?>) b).get(), "refused while the first stage is in flight");
        first.complete("first");
        assertEquals("first", a.get());
        Object c = call(engine, site);
        assertEquals("second", ((CompletableFuture<?>) c).get(), "admitted once the permit came back");
    }

    @Test
    void aConcurrencyLimitSlotIsHeldUntilTheStageCompletes() throws Exception {
        HealingEngine engine = engine("""
                targets:
                  - name: t
                    class: x.Y
                    concurrency-limit: { initial: 1, min: 1, max: 1 }
                    fallback:
                      - value: limited
                """);
        int site = site(engine, "t");
        CompletableFuture<String> first = new CompletableFuture<>();
        Subject.next = () -> first;
        CompletableFuture<?> a = (CompletableFuture<?>) call(engine, site);
        assertEquals(1, engine.target("t").limit().limiter().inFlight(), "in flight until the stage completes");
        Subject.next = () -> CompletableFuture.completedFuture("second");
        assertEquals("limited", ((CompletableFuture<?>) call(engine, site)).get(), "over the limit meanwhile");
        first.complete("first");
        assertEquals("first", a.get());
        assertEquals(0, engine.target("t").limit().limiter().inFlight(), "the slot came back at completion");
        assertEquals("second", ((CompletableFuture<?>) call(engine, site)).get());
    }

    @Test
    void aRateLimitedCallWithoutAFallbackGetsAFailedStage() throws Exception {
        HealingEngine engine = engine("""
                targets:
                  - name: t
                    class: x.Y
                    rate-limit: { permits: 1, per: 1h }
                """);
        int site = site(engine, "t");
        Subject.next = () -> CompletableFuture.completedFuture("ok");
        assertEquals("ok", ((CompletionStage<?>) call(engine, site)).toCompletableFuture().get());
        CompletableFuture<?> refused = ((CompletionStage<?>) call(engine, site)).toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, refused::get);
        assertEquals("io.selfheal.bootstrap.RateLimitedException", e.getCause().getClass().getName(),
                "a method that returns a stage fails its stage, it does not throw");
        assertEquals(1, engine.target("t").stats().rateLimited.sum());
    }

    @Test
    void aCircuitThatOpensDuringTheBackoffSkipsTheRunAgainAndTheFallbackAnswers() throws Exception {
        HealingEngine engine = engine("""
                targets:
                  - name: t
                    class: x.Y
                    retry: { max-attempts: 3, backoff: { initial: 100ms } }
                    circuit-breaker: { failure-threshold: 2, window: 10, open-for: 1h }
                    fallback:
                      - value: fb
                """);
        int site = site(engine, "t");
        Subject.runs = 0;
        Subject.next = () -> CompletableFuture.failedFuture(new IOException("down"));
        CompletableFuture<?> a = (CompletableFuture<?>) call(engine, site);
        assertFalse(a.isDone(), "its retry waits for the backoff");
        CompletableFuture<?> b = (CompletableFuture<?>) call(engine, site);
        assertEquals("fb", b.get(), "the second failure opened the circuit: no retry, the fallback");
        scheduler.runAll();
        assertEquals("fb", a.get(), "the circuit opened during a's backoff: no run again");
        assertEquals(2, Subject.runs);
        assertEquals(0, engine.target("t").stats().retries.sum(), "a skipped retry is not counted");
        assertEquals(2, engine.target("t").stats().fallbacks.sum());
        assertTrue(of(EventType.RETRY).stream().anyMatch(e -> "skipped".equals(e.get("outcome"))
                && String.valueOf(e.get("message")).contains("during the backoff")), events.toString());
    }

    @Test
    void anAlreadyCompletedStageIsReturnedAsItIs() throws Exception {
        HealingEngine engine = engine("""
                targets:
                  - name: t
                    class: x.Y
                    retry: { max-attempts: 3 }
                """);
        int site = site(engine, "t");
        CompletableFuture<String> done = CompletableFuture.completedFuture("v");
        Subject.next = () -> done;
        assertSame(done, call(engine, site));
        assertTrue(scheduler.pending.isEmpty());
    }

    private List<Event> of(EventType type) {
        synchronized (events) {
            return events.stream().filter(e -> e.type() == type).collect(Collectors.toList());
        }
    }
}
