package io.selfheal.it.apps;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Methods that fail in scripted ways, for the integration tests to heal. Each counts its runs so
 * the tests can tell retries from fallbacks.
 */
public class Flaky {
    public int runs;
    private static int staticRuns;

    /** Fails with an IOException the first {@code failures} times. */
    public String failsThenSucceeds(String name, int failures) throws IOException {
        runs++;
        if (runs <= failures) {
            throw new IOException("transient failure " + runs);
        }
        return "hello " + name + " after " + runs + " runs";
    }

    /** Changes its own argument before failing: a retry must see the original value. */
    public String mutatesArgument(String text, int number) throws IOException {
        runs++;
        String seen = text + "/" + number;
        text = "MUTATED";
        number = -1;
        if (runs == 1) {
            throw new IOException("first run fails after mutating " + text + number);
        }
        return seen;
    }

    public String alwaysFails(String key) throws IOException {
        runs++;
        throw new IOException("always fails for " + key);
    }

    public String notFound(String path) throws IOException {
        runs++;
        throw new FileNotFoundException(path);
    }

    public int primitiveInt() {
        runs++;
        throw new IllegalStateException("int fails");
    }

    public long primitiveLong(long base) {
        runs++;
        throw new IllegalStateException("long fails");
    }

    public boolean primitiveBoolean() {
        runs++;
        throw new IllegalStateException("boolean fails");
    }

    public double primitiveDouble() {
        runs++;
        throw new IllegalStateException("double fails");
    }

    public void voidMethod() {
        runs++;
        if (runs == 1) {
            throw new IllegalStateException("void fails once");
        }
    }

    public static int staticCounter() throws IOException {
        staticRuns++;
        if (staticRuns < 3) {
            throw new IOException("static fails " + staticRuns);
        }
        return staticRuns;
    }

    public List<String> emptyList() {
        runs++;
        throw new IllegalStateException("list fails");
    }

    public Optional<String> emptyOptional() {
        runs++;
        throw new IllegalStateException("optional fails");
    }

    public Map<String, Integer> mapValue() {
        runs++;
        throw new IllegalStateException("map fails");
    }

    public int[] arrayValue() {
        runs++;
        throw new IllegalStateException("array fails");
    }

    /** Loops at the very top of the method: a branch target at offset 0. */
    public int loopAtTop(int n) throws IOException {
        int total = 0;
        while (n > 0) {
            total += n--;
        }
        runs++;
        if (runs == 1) {
            throw new IOException("loop fails once");
        }
        return total;
    }

    public synchronized String synchronizedMethod() throws IOException {
        runs++;
        if (runs == 1) {
            throw new IOException("synchronized fails once");
        }
        return "sync ok";
    }

    public String tryCatchInside(String s) throws IOException {
        runs++;
        try {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
        } catch (IllegalArgumentException e) {
            return "caught inside";
        }
        if (runs == 1) {
            throw new IOException("fails after a try block");
        }
        return "after try " + s;
    }
}
