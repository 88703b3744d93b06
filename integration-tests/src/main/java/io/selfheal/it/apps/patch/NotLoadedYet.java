package io.selfheal.it.apps.patch;

/** Never loaded by {@link PatchApp}: a patch of it must be rejected. */
public class NotLoadedYet {
    public String value() {
        return "original";
    }
}
