package com.example.shop;

/**
 * The quick start's application (README.md, "Quick start"): a checkout that asks a flaky price
 * service for three prices. Written as a user's application would be, in a package of its own, so
 * the README's YAML and command line run on it exactly as printed (QuickStartAndDocCommandsTest).
 */
public final class Checkout {
    private Checkout() {
    }

    public static void main(String[] args) {
        PriceClient prices = new PriceClient();
        for (String sku : new String[] {"book", "lamp", "desk"}) {
            try {
                System.out.println(sku + ": " + prices.quote(sku) + " cents");
            } catch (Exception e) {
                System.out.println(sku + ": FAILED " + e);
            }
        }
    }
}
