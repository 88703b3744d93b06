package io.selfheal.it.apps.newuser;

/** Methods that fail, each carrying a different annotation (or none). */
public class Endpoints {
    @Resilient
    public String resilient() {
        throw new IllegalStateException("resilient failed");
    }

    @Traced
    public String traced() {
        throw new IllegalStateException("traced failed");
    }

    @SourceOnly
    public String plain() {
        throw new IllegalStateException("plain failed");
    }
}
