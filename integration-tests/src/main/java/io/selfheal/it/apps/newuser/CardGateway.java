package io.selfheal.it.apps.newuser;

/** A gateway through a superclass: it names no interface itself. */
public class CardGateway extends AbstractGateway {
    @Override
    public String pay(int amount) {
        return "card " + charge(amount);
    }
}
