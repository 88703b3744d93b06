package io.selfheal.it.apps.newuser;

/**
 * What a Spring user's application looks like to the selectors: gateways behind an interface
 * (one through an abstract class, one loaded late), a CGLIB-named proxy subclass, a client
 * hierarchy, annotated endpoints; and HTTP clients' failures. Prints {@code RESULT name value}.
 */
public final class SelectorsApp {
    private SelectorsApp() {
    }

    public static void main(String[] args) throws Exception {
        Class.forName("io.selfheal.it.apps.newuser.Marker");
        result("card", () -> new CardGateway().pay(-1));
        result("proxy", () -> new CardGateway$$SpringCGLIB$$0().pay(-2));
        result("unrelated", () -> new Unrelated().pay(-3));
        result("orders", () -> new OrdersClient().orders(-4));
        Endpoints endpoints = new Endpoints();
        result("resilient", endpoints::resilient);
        result("traced", endpoints::traced);
        result("plain", endpoints::plain);
        result("wallet", () -> ((PaymentGateway) Class.forName("io.selfheal.it.apps.newuser.WalletGateway")
                .getConstructor().newInstance()).pay(-5));
        HttpCalls http = new HttpCalls();
        for (String spec : args) {
            if (spec.contains(">")) {
                result("http " + spec, () -> http.callWrapped(spec));
            } else {
                result("http " + spec, () -> http.call(spec));
            }
        }
    }

    interface Call {
        String run() throws Exception;
    }

    private static void result(String name, Call call) {
        String value;
        try {
            value = call.run();
        } catch (Throwable t) {
            value = "threw " + t.getClass().getName();
        }
        System.out.println("RESULT " + name + " " + value);
    }
}
