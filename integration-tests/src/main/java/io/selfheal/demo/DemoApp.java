package io.selfheal.demo;

/**
 * The demo: an order loop against a flaky inventory service. Without the agent about a third of
 * the orders fail; with {@code config-samples/demo.yaml} the agent retries the transient failures
 * and falls back for the rest, and every order completes.
 */
public final class DemoApp {
    private DemoApp() {
    }

    public static void main(String[] args) {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        InventoryClient inventory = new InventoryClient();
        int ok = 0;
        for (int i = 1; i <= orders; i++) {
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
        }
        System.out.printf("%d of %d orders completed%n", ok, orders);
    }
}
