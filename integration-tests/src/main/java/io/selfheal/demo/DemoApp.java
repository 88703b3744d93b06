package io.selfheal.demo;

/**
 * The demo: an order loop against a flaky inventory service. Each order reads the stock, the
 * suppliers and reserves the quantity. The network drops calls now and then, the supplier registry
 * is down for maintenance while orders 5 to 7 are placed, and the warehouse refuses reservations
 * above 5. Without the agent a good share of the orders fail; with {@code config-samples/demo.yaml}
 * the agent retries the drops, opens the suppliers' circuit during the outage and answers from the
 * cache, answers a refused reservation with {@code false}, and every order completes.
 */
public final class DemoApp {
    /** Orders arrive this far apart, as they would from users: time for an open circuit to probe again. */
    private static final long ORDER_PACE_MILLIS = 100;

    private DemoApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        InventoryClient inventory = new InventoryClient();
        int ok = 0;
        for (int i = 1; i <= orders; i++) {
            inventory.supplierRegistryDown(i >= 5 && i <= 7);
            String sku = "sku-" + (100 + i);
            try {
                int stock = inventory.fetchStock(sku);
                java.util.List<String> suppliers = inventory.fetchSuppliers(sku);
                boolean reserved = inventory.reserve(sku, i % 7);
                System.out.printf("order %2d: %s stock=%d suppliers=%s reserved=%s%n", i, sku, stock, suppliers, reserved);
                ok++;
            } catch (Exception e) {
                System.out.printf("order %2d: %s FAILED %s%n", i, sku, e);
            }
            Thread.sleep(ORDER_PACE_MILLIS);
        }
        System.out.printf("%d of %d orders completed%n", ok, orders);
    }
}
