package io.selfheal.it.apps.foreign;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The scenarios of "never the thing that breaks you" (issue 15), each printing {@code RESULT name
 * value} lines for the test to compare with and without the agent.
 */
public final class ForeignCodeApp {
    private ForeignCodeApp() {
    }

    public static void main(String[] args) throws Exception {
        bits();
        ring();
        crossing();
        overflow();
        noisy();
        nested();
        System.out.println("RESULT answer " + answer());
        System.out.println("RESULT done yes");
    }

    private static void bits() {
        Bits b = new Bits();
        System.out.println("RESULT bitsSize " + b.size() + "," + b.size() + "," + b.size());
        try {
            b.setThenFail(3);
        } catch (Exception e) {
            // expected
        }
        System.out.println("RESULT bit3AfterFailure " + b.get(3));
    }

    private static void ring() {
        Ring a = new Ring("a");
        Ring b = new Ring("b");
        a.link(b);
        b.link(a);
        System.out.println("RESULT ringTouch " + a.touch() + "," + b.touch());
        System.out.println("RESULT ringClones " + Ring.clones);
        System.out.println("RESULT answerAfterRing " + answer());
    }

    private static String answer() {
        try {
            return new Answers().answer();
        } catch (Exception e) {
            return "threw " + e.getClass().getName();
        }
    }

    /** Eight threads crossing over four accounts, with failures and an application lock held around calls. */
    private static void crossing() throws InterruptedException {
        Account[] accounts = {new Account(), new Account(), new Account(), new Account()};
        int threads = 8;
        int rounds = 1500;
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    Account from = accounts[(id + i) % 4];
                    Account to = accounts[(id + i + 1 + (id & 1)) % 4];
                    try {
                        if ((i & 7) == 0) {
                            synchronized (Account.LEDGER) {
                                from.transfer(to, 1, false);
                            }
                        } else {
                            from.transfer(to, 1, (i % 5) == 0);
                        }
                        to.audit();
                    } catch (Exception e) {
                        // a refused transfer
                    }
                }
                done.countDown();
            }, "crossing-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
            System.out.println("RESULT crossing deadlocked");
            for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                System.out.print("DUMP " + info);
            }
            return;
        }
        System.out.println("RESULT crossing finished");
    }

    private static void overflow() {
        try {
            Deep.down(0);
            System.out.println("RESULT overflow returned");
        } catch (StackOverflowError e) {
            System.out.println("RESULT overflow StackOverflowError");
        }
        System.out.println("RESULT answerAfterOverflow " + answer());
    }

    /** A fallback method that calls a woven method: inside the agent's work, that call heals nothing. */
    private static void nested() {
        try {
            System.out.println("RESULT nested " + Outer.call());
        } catch (Exception e) {
            System.out.println("RESULT nested threw " + e);
        }
    }

    private static void noisy() {
        int caught = 0;
        for (int i = 0; i < 5000; i++) {
            try {
                Noisy.parse("x" + i);
            } catch (NumberFormatException e) {
                caught++;
            }
        }
        System.out.println("RESULT noisyCaught " + caught);
    }
}
