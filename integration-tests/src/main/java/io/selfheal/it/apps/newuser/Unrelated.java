package io.selfheal.it.apps.newuser;

/** Has a pay method but is no gateway. */
public class Unrelated {
    public String pay(int amount) {
        if (amount < 0) {
            throw new IllegalStateException("unrelated " + amount);
        }
        return "unrelated " + amount;
    }
}
