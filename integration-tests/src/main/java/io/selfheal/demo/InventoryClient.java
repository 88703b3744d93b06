package io.selfheal.demo;

import java.io.IOException;
import java.util.List;
import java.util.Random;

/** A client of a flaky inventory service: about one call in three fails, as networks do. */
public class InventoryClient {
    private final Random network = new Random(7);
    private int stock = 40;
    private int supplierCalls;

    public int fetchStock(String sku) throws IOException {
        if (network.nextInt(3) == 0) {
            throw new IOException("connection reset by inventory-db");
        }
        return stock + sku.length();
    }

    public List<String> fetchSuppliers(String sku) throws IOException {
        supplierCalls++;
        if (supplierCalls >= 12 && supplierCalls < 24) {
            throw new IOException("supplier registry is down for maintenance");   // an outage: retries cannot help
        }
        if (network.nextInt(2) == 0) {
            throw new IOException("supplier registry timed out");
        }
        return List.of("acme-" + sku, "globex-" + sku);
    }

    public boolean reserve(String sku, int quantity) {
        if (quantity > 5) {
            throw new IllegalStateException("cannot reserve " + quantity + " of " + sku + ": warehouse locked");
        }
        stock -= quantity;
        return true;
    }
}
