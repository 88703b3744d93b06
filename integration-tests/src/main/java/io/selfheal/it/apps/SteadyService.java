package io.selfheal.it.apps;

import java.io.IOException;

/** A service of {@link LookAheadApp} that fails when told to. */
public class SteadyService {
    public String fetch(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("steady service failed");
        }
        return "ok";
    }
}
