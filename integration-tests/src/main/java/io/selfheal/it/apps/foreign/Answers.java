package io.selfheal.it.apps.foreign;

import java.io.IOException;

/** Another target, with a value fallback: healing must still answer after trouble elsewhere. */
public final class Answers {
    public String answer() throws IOException {
        throw new IOException("no answer");
    }
}
