package io.selfheal.it.apps;

import java.io.IOException;
import java.util.Random;

/**
 * Calls two services for {@code args[0]} milliseconds (default 4000), one call each every 5 ms:
 * {@link SteadyService} fails 2% of its calls throughout; {@link RisingService} is healthy for the
 * first 1.5 s, then its failure rate climbs linearly to 60% by the end. Prints {@code RESULT} lines.
 */
public final class LookAheadApp {
    private LookAheadApp() {
    }

    public static void main(String[] args) throws Exception {
        long duration = args.length > 0 ? Long.parseLong(args[0]) : 4000;
        Random random = new Random(42);
        RisingService rising = new RisingService();
        SteadyService steady = new SteadyService();
        long start = System.nanoTime();
        int calls = 0;
        int risingFailures = 0;
        long elapsed;
        while ((elapsed = (System.nanoTime() - start) / 1_000_000) < duration) {
            double risingRate = elapsed < 1500 ? 0 : Math.min(0.6, (elapsed - 1500) * 0.6 / (duration - 1500));
            try {
                rising.fetch(random.nextDouble() < risingRate);
            } catch (IOException e) {
                risingFailures++;
            }
            try {
                steady.fetch(random.nextDouble() < 0.02);
            } catch (IOException e) {
                // counted by the agent
            }
            calls++;
            Thread.sleep(5);
        }
        System.out.println("RESULT calls " + calls);
        System.out.println("RESULT rising-failures " + risingFailures);
    }
}
