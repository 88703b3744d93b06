package io.selfheal.it.apps.foreign;

/** A method whose exception the caller expects and catches, thousands of times. */
public final class Noisy {
    public static int parse(String s) {
        return Integer.parseInt(s);
    }
}
