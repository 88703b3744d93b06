package io.selfheal.it.apps.newuser;

/** A gateway the application loads only later, long after the agent started. */
public class WalletGateway implements PaymentGateway {
    @Override
    public String pay(int amount) {
        if (amount < 0) {
            throw new IllegalStateException("wallet empty");
        }
        return "wallet " + amount;
    }
}
