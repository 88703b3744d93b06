package io.selfheal.it.apps.boot;

import java.io.IOException;

/** Packed in a nested jar (BOOT-INF/lib/service.jar) of a Spring Boot executable jar. */
public class BootService {
    private int runs;

    public String fetch(String key) throws IOException {
        runs++;
        if (runs < 2) {
            throw new IOException("run " + runs + " fails");
        }
        return key + " on run " + runs;
    }

    public String broken(String key) throws IOException {
        throw new IOException("always");
    }
}
