package io.selfheal.it.apps.code;

import io.selfheal.api.HealingEvent;
import io.selfheal.api.SelfHeal;
import io.selfheal.api.TargetStats;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Healing from code ({@code selfheal-api}): blocks run under targets of the YAML, events heard
 * in-process, figures read, and the API in a child-first loader. Prints {@code RESULT name value}
 * lines. {@code agent}: run with the agent; {@code none}: run without one.
 */
public final class CodeHealingApp {
    private CodeHealingApp() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("none")) {
            withoutAgent();
        } else if (args[0].equals("fault")) {
            withAFaultInTheAgent();
        } else {
            withAgent(Paths.get(args[1]));
        }
    }

    private static void result(String name, Object value) {
        System.out.println("RESULT " + name + " " + value);
        System.out.flush();
    }

    private static void withAgent(Path apiJar) throws Exception {
        result("active", SelfHeal.isActive());
        result("activeQuotes", SelfHeal.isActive("quotes"));
        result("activeNope", SelfHeal.isActive("nope"));

        // Listeners first: one that records, one that always throws.
        List<String> heard = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        CountDownLatch lastHealed = new CountDownLatch(3);
        SelfHeal.Subscription recording = SelfHeal.onEvent("quotes", List.of("retry", "fallback", "healed"),
                (HealingEvent e) -> {
                    synchronized (heard) {
                        heard.add(e.type() + "/" + e.attempt() + "/" + e.method());
                        threads.add(Thread.currentThread().getName());
                    }
                    if (e.type().equals("healed")) {
                        lastHealed.countDown();
                    }
                });
        AtomicInteger thrownByListener = new AtomicInteger();
        SelfHeal.onEvent(e -> {
            thrownByListener.incrementAndGet();
            throw new IllegalStateException("a listener's own bug");
        });

        try {
            SelfHeal.onEvent("quotes", List.of("retried"), e -> { });
            result("badType", "accepted");
        } catch (IllegalArgumentException e) {
            result("badType", e.getMessage().substring(0, e.getMessage().indexOf(';')));
        }

        // Retried per the YAML: fails twice, then answers.
        AtomicInteger runs = new AtomicInteger();
        String fresh = SelfHeal.call("quotes", () -> {
            if (runs.incrementAndGet() < 3) {
                throw new IOException("quotes down");
            }
            return "fresh";
        });
        result("retried", fresh + " after " + runs.get() + " runs");

        // Answered by the fallback per the YAML once the retries are spent.
        runs.set(0);
        String answered = SelfHeal.call("quotes", () -> {
            runs.incrementAndGet();
            throw new IOException("still down");
        });
        result("fallback", answered + " after " + runs.get() + " runs");

        // run(): a block without a value, healed the same way.
        runs.set(0);
        SelfHeal.run("quotes", () -> {
            if (runs.incrementAndGet() < 2) {
                throw new IllegalStateException("once");
            }
        });
        result("run", runs.get() + " runs");

        // A checked exception passes through unchanged, after the retries its target allows.
        IOException mine = new IOException("mine");
        runs.set(0);
        try {
            SelfHeal.call("checked", () -> {
                runs.incrementAndGet();
                throw mine;
            });
            result("checked", "returned");
        } catch (IOException e) {
            result("checked", (e == mine ? "same exception" : "another: " + e) + " after " + runs.get() + " runs");
        }

        // A whole number in the YAML answers an int block.
        int count = SelfHeal.call("count", () -> {
            throw new IOException("no count");
        });
        result("count", count + 1);

        // A method fallback, resolved in the loader of the block's class.
        result("priced", SelfHeal.call("priced", () -> {
            throw new IllegalStateException("no price");
        }));

        // A name the config does not have: the block runs once, as it is.
        runs.set(0);
        try {
            SelfHeal.call("nope", () -> {
                runs.incrementAndGet();
                throw new IOException("unhealed");
            });
        } catch (IOException e) {
            result("unknown", e.getMessage() + " after " + runs.get() + " runs");
        }

        // One target, woven and from code: one set of figures.
        Shared shared = new Shared();
        for (int i = 0; i < 2; i++) {
            shared.fetch("w" + i);
        }
        for (int i = 0; i < 3; i++) {
            int n = i;
            SelfHeal.call("shared", () -> shared.plain("c" + n));
        }
        TargetStats sharedStats = SelfHeal.stats("shared");
        result("sharedCalls", sharedStats.calls());
        result("sharedRetries", sharedStats.retries());
        result("sharedHealed", sharedStats.healed());

        TargetStats quotes = SelfHeal.stats("quotes");
        result("quotesStats", "configured=" + quotes.configured() + " calls=" + quotes.calls() + " failures="
                + quotes.failures() + " retries=" + quotes.retries() + " healed=" + quotes.healed() + " fallbacks="
                + quotes.fallbacks() + " circuit=" + quotes.circuitState() + " figure=" + quotes.figures().get("Calls"));
        result("nopeStats", "configured=" + SelfHeal.stats("nope").configured());
        // A target used only from code has its MBean all the same, with the same figures.
        result("mbeanCalls", java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(
                new javax.management.ObjectName("io.selfheal:type=Target,name=quotes"), "Calls"));

        boolean all = lastHealed.await(20, TimeUnit.SECONDS);
        recording.close();
        synchronized (heard) {
            result("heard", all + " " + heard);
            result("listenerThreads", new java.util.TreeSet<>(threads));
        }
        result("callerThread", Thread.currentThread().getName());
        result("listenerThatThrowsWasCalled", thrownByListener.get() > 0);
        result("dropped", SelfHeal.droppedEvents());

        // After close(), nothing more is heard.
        int before;
        synchronized (heard) {
            before = heard.size();
        }
        SelfHeal.call("quotes", () -> {
            throw new IOException("after close");
        });
        CountDownLatch flushed = new CountDownLatch(1);
        try (SelfHeal.Subscription marker = SelfHeal.onEvent("quotes", List.of("healed"), e -> flushed.countDown())) {
            SelfHeal.call("quotes", () -> {
                throw new IOException("marker");
            });
            flushed.await(20, TimeUnit.SECONDS);
        }
        synchronized (heard) {
            result("heardAfterClose", heard.size() - before);
        }

        childFirst(apiJar);
        stageBlocks();
    }

    /**
     * {@code SelfHeal.callAsync}: a block that returns a stage, healed on the stage's outcome. The
     * backoff is 300 ms: the caller's thread must be back long before it.
     */
    private static void stageBlocks() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        long start = System.nanoTime();
        CompletionStage<String> healed = SelfHeal.callAsync("async-quotes", () -> runs.incrementAndGet() < 3
                ? CompletableFuture.failedFuture(new IOException("flaky"))
                : CompletableFuture.completedFuture("fresh"));
        long returnedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        result("asyncCallerBack", returnedMillis < 250 ? "at once" : "after " + returnedMillis + " ms");
        result("asyncRetried", healed.toCompletableFuture().get(10, TimeUnit.SECONDS) + " after " + runs.get() + " runs");

        AtomicInteger down = new AtomicInteger();
        CompletionStage<String> fallback = SelfHeal.callAsync("async-quotes", () -> {
            down.incrementAndGet();
            return CompletableFuture.failedFuture(new IOException("down"));
        });
        result("asyncFallback", fallback.toCompletableFuture().get(10, TimeUnit.SECONDS) + " after " + down.get() + " runs");

        CompletionStage<String> unknown = SelfHeal.callAsync("nope", () -> CompletableFuture.completedFuture("as is"));
        result("asyncUnknown", unknown.toCompletableFuture().get(10, TimeUnit.SECONDS));
        result("asyncStats", "calls=" + SelfHeal.stats("async-quotes").calls());
    }

    /** The API jar and a web application's class in a child-first loader; the agent in the boot loader. */
    private static void childFirst(Path apiJar) throws Exception {
        URL classes = Paths.get(CodeHealingApp.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toUri().toURL();
        try (WebAppLoader loader = new WebAppLoader(new URL[] {apiJar.toUri().toURL(), classes},
                CodeHealingApp.class.getClassLoader())) {
            Class<?> web = loader.loadClass("io.selfheal.it.apps.code.WebApp");
            result("webLoader", web.getClassLoader().getName());
            try {
                result("web", web.getMethod("serve").invoke(null));
            } catch (InvocationTargetException e) {
                result("web", "threw " + e.getCause());
            }
        }
    }

    /** The agent throws where a call from code finds its site (a test switch): the block runs as is. */
    private static void withAFaultInTheAgent() throws Exception {
        result("active", SelfHeal.isActive());
        AtomicInteger runs = new AtomicInteger();
        try {
            SelfHeal.call("quotes", () -> {
                runs.incrementAndGet();
                throw new IOException("down");
            });
        } catch (IOException e) {
            result("thrown", e.getMessage() + ", runs " + runs.get());
        }
        result("value", SelfHeal.call("quotes", () -> "ran"));
    }

    private static void withoutAgent() throws Exception {
        result("active", SelfHeal.isActive());
        result("activeQuotes", SelfHeal.isActive("quotes"));
        SelfHeal.Subscription s = SelfHeal.onEvent(e -> {
            throw new IllegalStateException("never called");
        });
        AtomicInteger runs = new AtomicInteger();
        result("value", SelfHeal.call("quotes", () -> "ran " + runs.incrementAndGet()));
        IOException mine = new IOException("mine");
        try {
            SelfHeal.call("quotes", () -> {
                runs.incrementAndGet();
                throw mine;
            });
        } catch (IOException e) {
            result("thrown", (e == mine ? "same exception" : "another") + ", runs " + runs.get());
        }
        SelfHeal.run("quotes", runs::incrementAndGet);
        CompletableFuture<String> mineStage = CompletableFuture.completedFuture("stage");
        result("asyncSame", SelfHeal.callAsync("quotes", () -> {
            runs.incrementAndGet();
            return mineStage;
        }) == mineStage);
        result("runs", runs.get());
        TargetStats stats = SelfHeal.stats("quotes");
        result("stats", "configured=" + stats.configured() + " calls=" + stats.calls());
        result("dropped", SelfHeal.droppedEvents());
        s.close();
        result("done", "ok");
    }
}
