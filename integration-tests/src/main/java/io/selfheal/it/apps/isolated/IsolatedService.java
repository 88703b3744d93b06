package io.selfheal.it.apps.isolated;

import java.io.IOException;

/** Loaded by {@link ChildFirstApp}'s child-first loader, not by the application class loader. */
public class IsolatedService {
    private int runs;

    public String fetch(String key) throws IOException {
        runs++;
        if (runs < 3) {
            throw new IOException("run " + runs + " fails");
        }
        return key + " on run " + runs + " in " + getClass().getClassLoader().getName();
    }

    public String broken(String key) throws IOException {
        throw new IOException("always");
    }
}
