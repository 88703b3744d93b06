package io.selfheal.it.apps.async;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Woven targets from virtual threads (JDK 21+; made by reflection, this module compiles for 17):
 * 10,000 threads over retry, a bulkhead and a circuit breaker, and over a method that returns a
 * stage; a JFR recording of {@code jdk.VirtualThreadPinned} around them; then a million short-lived
 * threads, with the heap after GC measured at 100,000 and at the end. Prints {@code RESULT} lines.
 */
public final class VirtualThreadsApp {
    private VirtualThreadsApp() {
    }

    public static void main(String[] args) throws Exception {
        VtService s = new VtService();
        Recording recording = new Recording();
        recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
        recording.start();

        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger open = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger asyncOk = new AtomicInteger();
        AtomicInteger asyncFailed = new AtomicInteger();
        int threads = 10_000;
        ExecutorService vts = virtualThreads();
        for (int i = 0; i < threads; i++) {
            int id = i;
            vts.execute(() -> {
                try {
                    s.fetch(id);
                    ok.incrementAndGet();
                } catch (Exception e) {
                    // the agent's refusals, by name: the application does not compile against the agent
                    String name = e.getClass().getName();
                    (name.equals("io.selfheal.bootstrap.IsolatedException") ? refused
                            : name.equals("io.selfheal.bootstrap.CircuitOpenException") ? open : failed)
                            .incrementAndGet();
                }
                try {
                    s.fetchAsync(id).join();
                    asyncOk.incrementAndGet();
                } catch (RuntimeException e) {
                    asyncFailed.incrementAndGet();
                }
            });
        }
        vts.shutdown();
        print("finished", vts.awaitTermination(5, TimeUnit.MINUTES));
        print("ok", ok.get());
        print("refused", refused.get());
        print("open", open.get());
        print("failed", failed.get());
        print("runs", s.runs.get());
        print("thrown", s.thrown.get());
        for (String a : new String[] {"Calls", "Retries", "ShortCircuits", "Failures", "Healed", "Unhealed"}) {
            print("vt" + a, attribute("vt", a));
            print("vtAsync" + a, attribute("vtAsync", a));
        }
        print("asyncOk", asyncOk.get());
        print("asyncFailed", asyncFailed.get());
        print("asyncRuns", s.asyncRuns.get());
        print("asyncFirstFailures", s.asyncFailed.get());

        recording.stop();
        Path jfr = Files.createTempFile("pinned", ".jfr");
        recording.dump(jfr);
        int pinned = 0;
        int pinnedInAgent = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
                continue;
            }
            pinned++;
            if (e.getStackTrace() != null) {
                for (RecordedFrame f : e.getStackTrace().getFrames()) {
                    String type = f.getMethod().getType().getName();
                    if (type.startsWith("io.selfheal.") && !type.startsWith("io.selfheal.it.")) {
                        pinnedInAgent++;
                        System.out.println("PINNED " + e);
                        break;
                    }
                }
            }
        }
        Files.deleteIfExists(jfr);
        print("pinned", pinned);
        print("pinnedInAgent", pinnedInAgent);

        // a million short-lived threads: whatever the agent keeps per thread must not pile up
        long heapAt100k = 0;
        int batch = 10_000;
        for (int done = 0; done < 1_000_000; done += batch) {
            ExecutorService b = virtualThreads();
            for (int i = 0; i < batch; i++) {
                int n = i;
                b.execute(() -> s.tick(n));
            }
            b.shutdown();
            b.awaitTermination(5, TimeUnit.MINUTES);
            if (done + batch == 100_000) {
                heapAt100k = heapAfterGc();
            }
        }
        print("heapAt100k", heapAt100k);
        print("heapAt1M", heapAfterGc());
        print("tickCalls", attribute("tick", "Calls"));
    }

    private static ExecutorService virtualThreads() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    private static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static Object attribute(String target, String name) {
        try {
            return ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new ObjectName("io.selfheal:type=Target,name=" + target), name);
        } catch (Exception e) {
            return "threw " + e;
        }
    }

    private static void print(String name, Object value) {
        System.out.println("RESULT " + name + " " + value);
        System.out.flush();
    }
}
