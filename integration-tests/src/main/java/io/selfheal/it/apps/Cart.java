package io.selfheal.it.apps;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

/** A receiver whose methods change a list and a counter, then fail: for {@code restore:}. */
public class Cart {
    List<String> items = new ArrayList<>();
    int total;
    /** Not restored (the tests name only items and total): counts the body's runs. */
    int runs;

    /** Adds, then fails the first {@code failures} runs. */
    public String add(String item, int price, int failures) throws IOException {
        runs++;
        items.add(item);
        total += price;
        if (runs <= failures) {
            throw new IOException("payment service down (run " + runs + ")");
        }
        return describe();
    }

    /** Adds after both callers have entered, then fails: two failing calls on one object at once. */
    public void addTogether(String item, int price, CyclicBarrier bothEntered) throws Exception {
        bothEntered.await();
        items.add(item);
        total += price;
        Thread.sleep(20);
        throw new IllegalStateException("concurrent failure " + item);
    }

    /** Adds and succeeds, for the concurrency scenario. */
    public void addNow(String item, int price) {
        items.add(item);
        total += price;
    }

    /** Enters (taking its snapshot), waits for {@code go}, then adds and fails. */
    public void addLateAndFail(String item, int price, java.util.concurrent.CountDownLatch entered,
            java.util.concurrent.CountDownLatch go) throws Exception {
        entered.countDown();
        go.await();
        items.add(item);
        total += price;
        throw new IllegalStateException("late failure " + item);
    }

    public String describe() {
        return items + " total=" + total;
    }
}
