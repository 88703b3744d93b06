package io.selfheal.bench.startup;

/** The one class of the start-up benchmark that a config names and that loads. */
public final class Greeter {
    public String greet(String name) {
        return "hello, " + name;
    }

    public String farewell(String name) {
        return "goodbye, " + name;
    }
}
