package io.selfheal.it.apps;

import java.io.IOException;

/** The service {@link OpsApp} drives: one method that works, one that always fails. */
public class OpsService {
    public String ok(int i) {
        return "ok" + i;
    }

    public String fails(int i) throws IOException {
        throw new IOException("backend down for call " + i);
    }
}
