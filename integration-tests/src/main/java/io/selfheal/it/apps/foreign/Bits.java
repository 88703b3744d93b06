package io.selfheal.it.apps.foreign;

import java.io.IOException;
import java.util.BitSet;

/** Holds a {@link BitSet}, whose own {@code clone()} trims the original: a snapshot must not call it. */
public final class Bits {
    private BitSet bits = new BitSet();

    public int size() {
        return bits.size();
    }

    /** Sets a bit, then fails: a restore must take the bit back. */
    public void setThenFail(int i) throws IOException {
        bits.set(i);
        throw new IOException("failed after setting bit " + i);
    }

    public boolean get(int i) {
        return bits.get(i);
    }
}
