package io.selfheal.it.apps.patch;

/** Target of the hot-patch strategy: dividing by zero throws until the staged fix is applied. */
public class Divider {
    public int divide(int a, int b) {
        return a / b;
    }
}
