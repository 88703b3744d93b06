package io.selfheal.it.apps.foreign;

import java.io.IOException;

/**
 * Receivers that call each other crosswise from many threads, every method woven with restore: the
 * snapshot of one receiver is taken while another's call is running on the same thread, and two
 * threads cross on the same pair the other way round.
 */
public final class Account {
    /** An application lock that a woven method takes, and that the opt-in clone() takes too. */
    public static final Object LEDGER = new Object();
    private long balance = 1_000_000;
    private Token token = new Token();
    /** A lock a snapshot cannot copy: kept by reference, and said so when the class is woven. */
    private final java.util.concurrent.locks.ReentrantLock books = new java.util.concurrent.locks.ReentrantLock();

    public void transfer(Account to, int amount, boolean fail) throws IOException {
        balance -= amount;
        to.deposit(amount);
        if (fail) {
            throw new IOException("transfer refused");
        }
    }

    public void deposit(int amount) {
        balance += amount;
    }

    public void audit() {
        synchronized (LEDGER) {
            token.stamp++;
        }
    }

    public long balance() {
        books.lock();
        try {
            return balance;
        } finally {
            books.unlock();
        }
    }

    /** Copied by its own clone() (restore.clone), which takes the application's lock. */
    public static final class Token implements Cloneable {
        int stamp;

        @Override
        public Token clone() {
            synchronized (LEDGER) {
                try {
                    return (Token) super.clone();
                } catch (CloneNotSupportedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}
