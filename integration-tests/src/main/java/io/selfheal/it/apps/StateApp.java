package io.selfheal.it.apps;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import javax.management.ObjectName;

/**
 * Scenarios for state healing ({@code restore:} and checkpoints). Prints {@code RESULT name value}
 * lines like {@link FoundationApp}.
 */
public final class StateApp {
    private StateApp() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "mutate": {
                Cart c = new Cart();
                c.addNow("pen", 3);
                print("call", () -> c.add("book", 12, 99));
                print("cart", c::describe);
                print("runs", () -> c.runs);
                break;
            }
            case "retry": {
                Cart c = new Cart();
                print("call", () -> c.add("book", 12, 2));
                print("runs", () -> c.runs);
                break;
            }
            case "ledger": {
                Ledger l = new Ledger();
                Object balances = l.balancesIdentity();
                print("call", () -> {
                    l.scribble();
                    return "returned";
                });
                print("ledger", l::describe);
                print("sameBalancesMap", () -> balances == l.balancesIdentity());
                break;
            }
            case "statics": {
                print("call", () -> Counters.hit("x"));
                print("counters", Counters::describe);
                break;
            }
            case "concurrent": {
                Cart c = new Cart();
                c.addNow("pen", 3);
                CyclicBarrier both = new CyclicBarrier(2);
                Thread a = new Thread(() -> swallow(() -> c.addTogether("a", 1, both)));
                Thread b = new Thread(() -> swallow(() -> c.addTogether("b", 2, both)));
                a.start();
                b.start();
                a.join();
                b.join();
                print("together", c::describe);

                Cart d = new Cart();
                CountDownLatch entered = new CountDownLatch(1);
                CountDownLatch go = new CountDownLatch(1);
                Thread late = new Thread(() -> swallow(() -> d.addLateAndFail("late", 5, entered, go)));
                late.start();
                entered.await();
                d.addNow("meanwhile", 7);      // another thread's change after the failing call's entry
                go.countDown();
                late.join();
                print("late", d::describe);
                break;
            }
            case "checkpoint": {
                CartStore store = new CartStore("ann");
                store.put("c1", "apple");
                String id = (String) jmx("createCheckpoint", null);
                print("id", () -> id);
                store.put("c1", "pear");
                print("call", () -> {
                    store.corrupt();
                    return "returned";
                });
                print("afterFailure", store::describe);
                store.put("c2", "plum");
                print("unknown", () -> jmx("restoreCheckpoint", "cp-1-404"));
                print("afterUnknown", store::describe);
                print("restore", () -> jmx("restoreCheckpoint", id));
                print("afterRestore", store::describe);
                break;
            }
            case "interval": {
                CartStore store = new CartStore("bob");
                store.put("c1", "fig");
                Path events = Paths.get(args[1]);
                long deadline = System.nanoTime() + 30_000_000_000L;
                boolean seen = false;
                while (!seen && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    seen = Files.exists(events) && Files.readString(events).contains("\"trigger\":\"interval\",\"classes\":1,\"instances\":1");
                }
                String found = String.valueOf(seen);
                print("intervalCheckpoint", () -> found);
                print("store", store::describe);   // keeps the store reachable until every checkpoint is in
                break;
            }
            case "attach": {
                // Cart and CartStore load (and one store is made) before the agent arrives.
                Cart cart = new Cart();
                CartStore early = new CartStore("early");
                early.put("c1", "apple");
                System.out.println("READY " + ProcessHandle.current().pid());
                System.out.flush();
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
                print("call", () -> cart.add("book", 12, 99));
                print("cart", cart::describe);
                CartStore late = new CartStore("late");
                String id = (String) jmx("createCheckpoint", null);
                early.corrupt0();
                late.corrupt0();
                jmx("restoreCheckpoint", id);
                print("early", early::describe);
                print("late", late::describe);
                break;
            }
            default:
                throw new IllegalArgumentException("no scenario " + args[0]);
        }
    }

    /** Calls an operation of {@code io.selfheal:type=Agent} in this JVM, as a JMX client would. */
    static Object jmx(String operation, String argument) throws Exception {
        try {
            return ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("io.selfheal:type=Agent"),
                    operation, argument == null ? null : new Object[] {argument},
                    argument == null ? null : new String[] {String.class.getName()});
        } catch (javax.management.JMException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException(root.getClass().getSimpleName() + ": " + root.getMessage());
        }
    }

    interface Body {
        void run() throws Exception;
    }

    static void swallow(Body body) {
        try {
            body.run();
        } catch (Exception expected) {
            // the scenario looks at the state afterwards
        }
    }

    static void print(String name, FoundationApp.Call call) {
        FoundationApp.print(name, call);
    }
}
