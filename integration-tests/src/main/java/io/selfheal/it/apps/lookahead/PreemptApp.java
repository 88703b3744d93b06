package io.selfheal.it.apps.lookahead;

import java.util.Random;

/**
 * Calls three dependencies for {@code args[0]} milliseconds, one call each every 5 ms:
 * {@link SteadyLow} fails 2% of its calls throughout; {@link RisingOpen} and {@link RisingFallback}
 * are healthy for the first 1.5 s, then their failure rate climbs linearly to 60% by the end.
 * Prints {@code RESULT} lines: how many calls each answered with the fallback without running.
 */
public final class PreemptApp {
    private PreemptApp() {
    }

    public static void main(String[] args) throws Exception {
        long duration = Long.parseLong(args[0]);
        Random random = new Random(42);
        RisingOpen open = new RisingOpen();
        RisingFallback fallback = new RisingFallback();
        SteadyLow steady = new SteadyLow();
        long start = System.nanoTime();
        int calls = 0;
        int answeredWithoutRunning = 0;
        long elapsed;
        while ((elapsed = (System.nanoTime() - start) / 1_000_000) < duration) {
            double rate = elapsed < 1500 ? 0 : Math.min(0.6, (elapsed - 1500) * 0.6 / (duration - 1500));
            ActionsApp.answer(() -> open.fetch(random.nextDouble() < rate));
            int before = fallback.runs();
            String answer = ActionsApp.answer(() -> fallback.fetch(random.nextDouble() < rate));
            if (fallback.runs() == before && "cached".equals(answer)) {
                answeredWithoutRunning++;
            }
            ActionsApp.answer(() -> steady.fetch(random.nextDouble() < 0.02));
            calls++;
            Thread.sleep(5);
        }
        System.out.println("RESULT calls " + calls);
        System.out.println("RESULT fallback-without-running " + answeredWithoutRunning);
    }
}
