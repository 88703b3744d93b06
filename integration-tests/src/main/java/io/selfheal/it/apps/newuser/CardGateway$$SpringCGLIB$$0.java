package io.selfheal.it.apps.newuser;

/** Named as Spring names a CGLIB proxy subclass: it calls the real bean's method. */
public class CardGateway$$SpringCGLIB$$0 extends CardGateway {
    @Override
    public String pay(int amount) {
        return super.pay(amount);
    }
}
