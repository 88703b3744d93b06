package io.selfheal.it.apps.patch;

/** A target that fails on one call in ten: probation judges patches by how that rate changes. */
public class QuoteService {
    public int quote(int i) {
        if (i % 10 == 0) {
            throw new IllegalStateException("no quote for " + i);
        }
        return i;
    }
}
