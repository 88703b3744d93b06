package io.selfheal.demo;

import java.io.IOException;
import java.util.List;
import java.util.Random;

/**
 * A client of a flaky inventory service: about one stock call in three and one supplier call in
 * five fail, as networks do, and the supplier registry has a maintenance window the demo sets.
 */
public class InventoryClient {
    private final Random stockNetwork = new Random(7);
    private final Random supplierNetwork = new Random(11);
    private volatile boolean registryDown;
    private int stock = 40;

    /** The demo's scenario: whether the supplier registry is down for maintenance now. */
    public void supplierRegistryDown(boolean down) {
        registryDown = down;
    }

    public int fetchStock(String sku) throws IOException {
        if (stockNetwork.nextInt(3) == 0) {
            throw new IOException("connection reset by inventory-db");
        }
        return stock + sku.length();
    }

    public List<String> fetchSuppliers(String sku) throws IOException {
        if (registryDown) {
            throw new IOException("supplier registry is down for maintenance");   // an outage: retries cannot help
        }
        if (supplierNetwork.nextInt(5) == 0) {
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
