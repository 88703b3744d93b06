package io.selfheal.it.apps.patch;

/** The second class of a two-class patch: subtracts where it should add. */
public class PriceCalculator {
    public int total(int a, int b) {
        return a - b;
    }
}
