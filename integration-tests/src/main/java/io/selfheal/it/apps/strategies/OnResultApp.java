package io.selfheal.it.apps.strategies;

/**
 * {@code retry.on-result} and {@code fallback-on-result} in one JVM: null, empty, equals (an int, a
 * long, an empty string) and a predicate taking the arguments, with and without the fallback.
 * Prints {@code RESULT name value}.
 */
public final class OnResultApp {
    private OnResultApp() {
    }

    public static void main(String[] args) {
        Answers a = new Answers();
        a.reset(1);
        print("tryBlockReturns", a.guarded("g") + " after " + a.runs.get() + " runs");
        a.reset(2);
        print("nullRetried", a.lookup("k") + " after " + a.runs.get() + " runs");
        a.reset(5);
        print("nullSpent", a.lookup("k") + " after " + a.runs.get() + " runs");
        a.reset(5);
        print("emptyFallback", a.items() + " after " + a.runs.get() + " runs");
        a.reset(1);
        print("emptyRetried", a.items() + " after " + a.runs.get() + " runs");
        a.reset(5);
        print("equalsIntFallback", a.code() + " after " + a.runs.get() + " runs");
        a.reset(5);
        print("equalsLongSpent", a.total() + " after " + a.runs.get() + " runs");
        a.reset(1);
        print("equalsLongRetried", a.total() + " after " + a.runs.get() + " runs");
        a.reset(5);
        print("equalsEmptyStringFallback", a.name() + " after " + a.runs.get() + " runs");
        a.reset(2);
        print("predicateRetried", a.status(7) + " after " + a.runs.get() + " runs");
        a.reset(5);
        print("predicateSpent", a.status(7) + " after " + a.runs.get() + " runs");
    }

    static void print(String name, Object value) {
        System.out.println("RESULT " + name + " " + value);
        System.out.flush();
    }
}
