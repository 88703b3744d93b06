package io.selfheal.it.apps.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A static list the reclaimer {@code clear: Sessions#CACHE} empties. */
public final class Sessions {
    public static final List<byte[]> CACHE = Collections.synchronizedList(new ArrayList<>());

    private Sessions() {
    }
}
