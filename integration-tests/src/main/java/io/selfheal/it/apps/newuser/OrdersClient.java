package io.selfheal.it.apps.newuser;

/** Extends {@link BaseClient}. */
public class OrdersClient extends BaseClient {
    public String orders(int id) {
        return "orders " + fetch(id);
    }
}
