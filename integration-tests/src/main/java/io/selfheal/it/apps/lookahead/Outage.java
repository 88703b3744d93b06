package io.selfheal.it.apps.lookahead;

import java.net.ConnectException;

/** A dependency that is down: every run of its body fails. */
public class Outage {
    private int runs;

    public String fetch() throws ConnectException {
        runs++;
        throw new ConnectException("connection refused");
    }

    public int runs() {
        return runs;
    }
}
