package io.selfheal.it.apps.lookahead;

import java.net.SocketTimeoutException;

/** A dependency with a transient glitch: the first run of each call fails, a re-run succeeds. */
public class Glitch {
    private boolean failNext = true;

    public String fetch() throws SocketTimeoutException {
        boolean fail = failNext;
        failNext = !failNext;
        if (fail) {
            throw new SocketTimeoutException("read timed out");
        }
        return "live";
    }

    /** The next call starts with a failing run again, however the last one ended. */
    public void nextCall() {
        failNext = true;
    }
}
