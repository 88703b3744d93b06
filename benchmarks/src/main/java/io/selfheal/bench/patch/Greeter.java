package io.selfheal.bench.patch;

/** The class {@code benchmarks/patch.sh} patches and rolls back. */
public class Greeter {
    public String greet(String name) {
        return "helo " + name;
    }
}
