package io.selfheal.it.apps;

/** A second class that a reloaded config starts (or stops) healing. */
public class OpsOther {
    public String work(int i) {
        throw new IllegalStateException("other broke on " + i);
    }
}
