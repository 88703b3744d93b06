package io.selfheal.it.apps;

import java.util.concurrent.CountDownLatch;

/** A target limited to one call at a time, without a fallback: the second caller sees the exception. */
public class SingleSlot {
    final CountDownLatch entered = new CountDownLatch(1);

    public String hold(CountDownLatch gate) throws InterruptedException {
        entered.countDown();
        if (gate != null) {
            gate.await();
        }
        return "held";
    }
}
