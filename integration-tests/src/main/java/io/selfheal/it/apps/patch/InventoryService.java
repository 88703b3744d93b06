package io.selfheal.it.apps.patch;

import java.io.IOException;

/** A woven target (fallback in the tests' config) that a patch changes: healing must survive it. */
public class InventoryService {
    public String stock(String item) throws IOException {
        throw new IOException("inventory down for " + item);
    }
}
