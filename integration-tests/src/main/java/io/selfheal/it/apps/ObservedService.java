package io.selfheal.it.apps;

import java.io.IOException;

/** The methods {@link ObserveApp} drives; each test's config names them as targets. */
public class ObservedService {
    private int flakyRuns;
    private int balance;

    /** Fails on every other run: the first run of a call fails, its retry answers. */
    public String flaky(int i) throws IOException {
        if (flakyRuns++ % 2 == 0) {
            throw new IOException("flaky backend, call " + i);
        }
        return "flaky-ok" + i;
    }

    public String down(int i) {
        throw new IllegalStateException("dependency down, call " + i);
    }

    public String lonely(int i) {
        throw new IllegalArgumentException("lonely broke, call " + i);
    }

    /** Changes the balance, then fails: a restore puts the balance back. */
    public String ledger(int i) {
        balance += 100;
        throw new ArithmeticException("ledger overflow at " + balance);
    }

    public int balance() {
        return balance;
    }
}
