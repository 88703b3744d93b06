package io.selfheal.it.apps.drill;

/** The methods the drill tests' targets weave; each answers a value its caller can check. */
public class DrillService {
    /** Target {@code retried} (retry): the quote for {@code n}. */
    public String quote(int n) {
        return "q" + n;
    }

    /** Target {@code bare} (no healing): twice {@code n}. */
    public int twice(int n) {
        return 2 * n;
    }

    /** Target {@code slow} (timeout and a fallback): answers at once. */
    public String slowQuote(int n) {
        return "s" + n;
    }

    /** Target {@code answer} (no healing): always 7. */
    public int price() {
        return 7;
    }
}
