package io.selfheal.bench.startup;

/**
 * The start-up benchmark's application: a hello-world {@code main} that calls one method of one
 * class ({@link Greeter#greet}), the one method the start-up config weaves.
 */
public final class HelloWorld {
    private HelloWorld() {
    }

    public static void main(String[] args) {
        System.out.println(new Greeter().greet(args.length > 0 ? args[0] : "world"));
    }
}
