package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class TimedCallTest {

    @Test
    void theTimerInterruptsTheCallerAndTheFlagIsRestoredAfterwards() throws Exception {
        TimeoutScheduler scheduler = new TimeoutScheduler();
        try {
            TimedCall call = scheduler.arm(TimeUnit.MILLISECONDS.toNanos(20));
            boolean interrupted = false;
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            assertTrue(interrupted);
            Thread.currentThread().interrupt();   // as if the body had set it again
            assertTrue(call.finish());
            assertFalse(Thread.currentThread().isInterrupted(), "our interrupt does not leak");
        } finally {
            scheduler.shutdown();
        }
    }

    @Test
    void aCallThatWasInterruptedBeforeStaysInterrupted() {
        TimeoutScheduler scheduler = new TimeoutScheduler();
        try {
            Thread.currentThread().interrupt();
            TimedCall call = scheduler.arm(TimeUnit.MILLISECONDS.toNanos(1));
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();   // a body that does not look at the flag
            }
            assertTrue(call.finish(), "a 1ms timer fired during 200ms");
            assertTrue(Thread.interrupted(), "the flag is as it was before the call");
        } finally {
            scheduler.shutdown();
        }
    }

    @Test
    void aCallThatFinishesInTimeIsNeverInterrupted() throws Exception {
        TimeoutScheduler scheduler = new TimeoutScheduler();
        try {
            for (int i = 0; i < 1000; i++) {
                TimedCall call = scheduler.arm(TimeUnit.MILLISECONDS.toNanos(i % 2 == 0 ? 1 : 10_000));
                boolean fired = call.finish();
                assertFalse(!fired && Thread.currentThread().isInterrupted(), "an interrupt landed after finish");
                assertFalse(Thread.currentThread().isInterrupted());
            }
            Thread.sleep(50);
            assertFalse(Thread.interrupted(), "no interrupt arrives after the calls ended");
        } finally {
            scheduler.shutdown();
        }
    }

    @Test
    void anOverrunSurfacesAsTimeoutExceptionToTheChain() throws Throwable {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: slow
                    class: io.selfheal.test.Subject
                    timeout: 50ms
                    retry: { max-attempts: 2, backoff: { initial: 1ms }, on: [ java.util.concurrent.TimeoutException ] }
                    fallback: [ { value: timed-out } ]
                """);
        try {
            int site = h.site("slow");
            int[] runs = {0};
            Object out = h.call(site, () -> {
                runs[0]++;
                Thread.sleep(30_000);
                return "late";
            });
            assertEquals("timed-out", out);
            assertEquals(2, runs[0], "retry acted on the TimeoutException");
            assertFalse(Thread.currentThread().isInterrupted());
            assertEquals(2, h.ofType("timeout").size());
            assertEquals("timeout", h.ofType("error-detected").get(0).get("category"));
            assertEquals(TimeoutException.class.getName(), h.ofType("error-detected").get(0).get("exception"));
            assertEquals(2L, h.target("slow").stats().timeouts.sum());
        } finally {
            h.engine.shutdown();
        }
    }

    @Test
    void aBodyThatIgnoresTheInterruptKeepsItsValue() throws Throwable {
        EngineHarness h = new EngineHarness("""
                targets:
                  - name: stubborn
                    class: io.selfheal.test.Subject
                    timeout: 20ms
                """);
        try {
            int site = h.site("stubborn");
            Object out = h.call(site, () -> {
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();   // ignores interrupts
                }
                return "done";
            });
            assertEquals("done", out);
            assertFalse(Thread.currentThread().isInterrupted());
            assertEquals("completed-late", h.ofType("timeout").get(0).get("outcome"));
        } finally {
            h.engine.shutdown();
        }
    }
}
