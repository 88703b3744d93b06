package io.selfheal.it.apps.reliability;

/**
 * Calls {@link Unreliable} and prints what each call gave ({@code RESULT name value}), so a test can
 * compare a run with the agent to a run without it.
 */
public final class FaultsApp {
    private FaultsApp() {
    }

    public static void main(String[] args) {
        Unreliable u = new Unreliable();
        StringBuilder oks = new StringBuilder();
        long sum = 0;
        for (int i = 0; i < 50; i++) {
            oks.append(u.ok(i).length());
            sum += u.sum(i, i);
        }
        System.out.println("RESULT ok " + oks);
        System.out.println("RESULT sum " + sum);
        System.out.println("RESULT alwaysFails " + call(() -> u.alwaysFails("a")));
        System.out.println("RESULT failsOnce " + call(() -> u.failsOnce("b")));
        System.out.println("RESULT done yes");
    }

    interface Call {
        Object run() throws Exception;
    }

    private static String call(Call c) {
        try {
            return "returned " + c.run();
        } catch (Exception e) {
            return "threw " + e;
        }
    }
}
