package io.selfheal.it.apps.memory;

/**
 * Memory scenarios for a small heap ({@code -Xmx64m}); prints {@code RESULT name value} lines.
 *
 * <ul>
 *   <li>{@code grow N}: a cache grows by 200 KB entries, {@code N} of them, 5 ms apart (without a
 *       reclaimer it outgrows the heap), then reports the trims;
 *   <li>{@code oom}: then fills the caches to about 35 MB (55%) and builds a 44 MB report, which fails with
 *       an {@code OutOfMemoryError} unless memory is reclaimed before its retry;
 *   <li>{@code quick}: one call of the report, nothing else (start-up checks).
 * </ul>
 */
public final class MemoryApp {
    private static final int ENTRY = 200 * 1024;

    private MemoryApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("RESULT boomLoaded " + Boom.calls);   // the reclaimers' classes load with the application
        switch (args[0]) {
            case "quick" -> print("report", () -> Reports.build(1024));
            case "grow" -> {
                grow(Integer.parseInt(args[1]));
                if (args.length > 2 && args[2].equals("oom")) {
                    outOfMemory();
                    operations();
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("RESULT end ok");
    }

    private static void print(String name, java.util.concurrent.Callable<Object> call) {
        String value;
        try {
            value = String.valueOf(call.call());
        } catch (Throwable t) {
            value = "threw " + t;
        }
        System.out.println("RESULT " + name + " " + value);
    }

    private static void grow(int entries) throws InterruptedException {
        for (int i = 0; i < entries; i++) {
            PriceCache.put(i, ENTRY);
            Thread.sleep(5);
        }
        synchronized (PriceCache.TRIMS) {
            System.out.println("RESULT trims " + PriceCache.TRIMS.size());
            System.out.println("RESULT trimTimes " + PriceCache.TRIMS);
        }
        System.out.println("RESULT pressure " + PriceCache.lastPressure);
        System.out.println("RESULT grown ok");
    }

    /** What JMX and /metrics say about memory, read from inside (the agent's MBean, its HTTP address). */
    private static void operations() throws Exception {
        javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName agent = new javax.management.ObjectName("io.selfheal:type=Agent");
        for (int i = 0; i < 100 && !server.isRegistered(agent); i++) {
            Thread.sleep(50);   // the agent registers its MBeans just after the server is made
        }
        for (String attribute : new String[] {"MemoryWatched", "HeapAfterGc", "GcTime", "MemoryReclaims"}) {
            print("jmx" + attribute, () -> server.getAttribute(agent, attribute));
        }
        print("jmxReclaim", () -> server.invoke(agent, "reclaim", new Object[] {"sessions"},
                new String[] {String.class.getName()}));
        String address = (String) server.getAttribute(agent, "HttpAddress");
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) new java.net.URL("http://" + address + "/metrics")
                .openConnection();
        try (java.io.InputStream in = c.getInputStream()) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("selfheal_heap_after_gc_ratio ") || line.startsWith("selfheal_gc_time_ratio ")
                        || line.startsWith("selfheal_memory_reclaims_total ")) {
                    System.out.println("RESULT metric " + line);
                }
            }
        }
        Thread.sleep(500);   // the operator's reclaim runs on the agent's thread; give its event time to be written
    }

    private static void outOfMemory() throws InterruptedException {
        Thread.sleep(1500);   // past the cooldown, so the pressure could act again (it must not: 55% is below it)
        PriceCache.ENTRIES.clear();
        System.gc();   // the grown cache's garbage gone, so heap-after-gc starts from what is live
        for (int i = 0; i < 88; i++) {
            PriceCache.put(i, ENTRY);
            Sessions.CACHE.add(new byte[ENTRY]);
        }
        int trimsBefore;
        synchronized (PriceCache.TRIMS) {
            trimsBefore = PriceCache.TRIMS.size();
        }
        print("report", () -> Reports.build(44 * 1024 * 1024));
        System.out.println("RESULT reportRuns " + Reports.runs);
        System.out.println("RESULT boomCalls " + Boom.calls);
        System.out.println("RESULT sessionsLeft " + Sessions.CACHE.size());
        synchronized (PriceCache.TRIMS) {
            System.out.println("RESULT trimsForOom " + (PriceCache.TRIMS.size() - trimsBefore));
        }
    }
}
