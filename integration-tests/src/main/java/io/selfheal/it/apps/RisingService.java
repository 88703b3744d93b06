package io.selfheal.it.apps;

import java.io.IOException;

/** A service of {@link LookAheadApp} that fails when told to. */
public class RisingService {
    public String fetch(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("rising service failed");
        }
        return "ok";
    }
}
