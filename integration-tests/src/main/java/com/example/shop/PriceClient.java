package com.example.shop;

import java.io.IOException;

/**
 * A client of a remote price service that drops every other call (a retry heals that) and knows
 * nothing of desks (no retry helps: only a fallback answers).
 */
public class PriceClient {
    private int calls;

    public int quote(String sku) throws IOException {
        calls++;
        if ("desk".equals(sku)) {
            throw new IOException("price service: no route to the desk catalogue");
        }
        if (calls % 2 == 1) {
            throw new IOException("price service: connection reset");
        }
        return 100 * sku.length() + 99;
    }
}
