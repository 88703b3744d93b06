package io.selfheal.it.apps.lookahead;

import java.util.Random;

/**
 * Mode {@code policy}: calls {@link Backend} and {@link Quarantined}, failing half the time, every
 * 5 ms until the body of each has not run for 100 calls in a row (a policy opened the circuit or
 * isolated the target; the answers come from the fallback), or 60 s passed. Mode {@code restart}:
 * 20 calls to each that would all succeed. Mode {@code failing}: calls {@link Backend}, failing
 * every time, until its body has not run for 100 calls in a row, or 60 s passed. Prints
 * {@code RESULT} lines.
 */
public final class ActionsApp {
    private ActionsApp() {
    }

    public static void main(String[] args) throws Exception {
        Backend backend = new Backend();
        Quarantined quarantined = new Quarantined();
        if (args[0].equals("restart")) {
            String backendAnswer = null;
            String quarantinedAnswer = null;
            for (int i = 0; i < 20; i++) {
                backendAnswer = answer(() -> backend.fetch(false));
                quarantinedAnswer = answer(() -> quarantined.fetch(false));
            }
            System.out.println("RESULT backend-runs " + backend.runs());
            System.out.println("RESULT quarantined-runs " + quarantined.runs());
            System.out.println("RESULT backend-answer " + backendAnswer);
            System.out.println("RESULT quarantined-answer " + quarantinedAnswer);
            return;
        }
        if (args[0].equals("failing")) {
            int streak = 0;
            String answer = null;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (streak < 100 && System.nanoTime() < deadline) {
                int before = backend.runs();
                answer = answer(() -> backend.fetch(true));
                streak = backend.runs() == before ? streak + 1 : 0;
                Thread.sleep(5);
            }
            System.out.println("RESULT backend-streak " + streak);
            System.out.println("RESULT backend-answer " + answer);
            return;
        }
        Random random = new Random(7);
        int backendStreak = 0;
        int quarantinedStreak = 0;
        String backendAnswer = null;
        String quarantinedAnswer = null;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while ((backendStreak < 100 || quarantinedStreak < 100) && System.nanoTime() < deadline) {
            int before = backend.runs();
            backendAnswer = answer(() -> backend.fetch(random.nextBoolean()));
            backendStreak = backend.runs() == before ? backendStreak + 1 : 0;
            before = quarantined.runs();
            quarantinedAnswer = answer(() -> quarantined.fetch(random.nextBoolean()));
            quarantinedStreak = quarantined.runs() == before ? quarantinedStreak + 1 : 0;
            Thread.sleep(5);
        }
        System.out.println("RESULT backend-streak " + backendStreak);
        System.out.println("RESULT quarantined-streak " + quarantinedStreak);
        System.out.println("RESULT backend-answer " + backendAnswer);
        System.out.println("RESULT quarantined-answer " + quarantinedAnswer);
    }

    interface Call {
        String run() throws Exception;
    }

    /** The value, or the simple name of what was thrown. */
    static String answer(Call c) {
        try {
            return c.run();
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }
}
