package io.selfheal.it.apps.newuser;

/** Implements {@link PaymentGateway} for its subclasses, which inherit the interface through it. */
public abstract class AbstractGateway implements PaymentGateway {
    protected String charge(int amount) {
        if (amount < 0) {
            throw new IllegalStateException("declined " + amount);
        }
        return "paid " + amount;
    }
}
