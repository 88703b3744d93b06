package io.selfheal.it.apps.drill;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A service under drills: one thread per method calls it in a loop and checks each answer, counting
 * right answers, other answers (by value) and exceptions (by class and message). Reads commands:
 * {@code stats NAME} prints {@code DONE stats NAME right=.. other={..} thrown={..}}; {@code quit}.
 */
public final class DrillApp {
    private static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();
    private static volatile boolean running = true;

    static final class Tally {
        final AtomicLong right = new AtomicLong();
        final Map<String, AtomicLong> other = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> thrown = new ConcurrentHashMap<>();

        void answered(Object expected, Object got) {
            if (expected.equals(got)) {
                right.incrementAndGet();
            } else {
                other.computeIfAbsent(String.valueOf(got), k -> new AtomicLong()).incrementAndGet();
            }
        }

        void threw(Throwable t) {
            thrown.computeIfAbsent(t.getClass().getName() + ":" + t.getMessage(), k -> new AtomicLong())
                    .incrementAndGet();
        }

        @Override
        public String toString() {
            return "right=" + right + " other=" + other + " thrown=" + thrown;
        }
    }

    interface Call {
        void once(DrillService s, int n, Tally t);
    }

    public static void main(String[] args) throws Exception {
        DrillService service = new DrillService();
        loop("retried", service, (s, n, t) -> t.answered("q" + n, s.quote(n)));
        loop("bare", service, (s, n, t) -> t.answered(2 * n, s.twice(n)));
        loop("slow", service, (s, n, t) -> t.answered("s" + n, s.slowQuote(n)));
        loop("answer", service, (s, n, t) -> t.answered(7, s.price()));
        System.out.println("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split(" ");
            if (words[0].equals("quit")) {
                break;
            }
            if (words[0].equals("stats")) {
                System.out.println("DONE " + line.trim() + " " + TALLIES.get(words[1]));
            }
        }
        running = false;
        System.exit(0);
    }

    private static void loop(String name, DrillService service, Call call) {
        Tally tally = new Tally();
        TALLIES.put(name, tally);
        Thread t = new Thread(() -> {
            for (int n = 0; running; n++) {
                try {
                    call.once(service, n, tally);
                } catch (Throwable e) {
                    tally.threw(e);
                }
                try {
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    Thread.interrupted();   // an interrupt meant for a call, landed late: go on
                }
            }
        }, "caller-" + name);
        t.setDaemon(true);
        t.start();
    }
}
