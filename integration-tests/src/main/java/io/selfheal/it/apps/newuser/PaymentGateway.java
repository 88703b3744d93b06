package io.selfheal.it.apps.newuser;

/** An interface the application's gateways implement, some directly, some through a superclass. */
public interface PaymentGateway {
    String pay(int amount);
}
