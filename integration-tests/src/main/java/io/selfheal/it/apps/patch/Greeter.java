package io.selfheal.it.apps.patch;

/** Has the bug the hot-patch tests fix: a typo in the greeting. */
public class Greeter {
    public String greet(String name) {
        return "helo " + name;
    }
}
