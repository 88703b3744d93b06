package io.selfheal.it.apps.reliability;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/** Woven by the soak: fails at random and counts every run of its bodies itself. */
public class SoakService {
    public static final LongAdder RUNS = new LongAdder();
    public static final LongAdder FAILURES = new LongAdder();
    public static final LongAdder RAW_RUNS = new LongAdder();
    public static final LongAdder RAW_FAILURES = new LongAdder();

    /** Healed by retry (IOException) and fallback (everything else, and retries used up). */
    public long call(long x) throws IOException {
        RUNS.increment();
        int dice = ThreadLocalRandom.current().nextInt(1000);
        if (dice < 40) {
            FAILURES.increment();
            throw new IOException("transient " + x);
        }
        if (dice < 45) {
            FAILURES.increment();
            throw new IllegalStateException("state " + x);
        }
        return x * 31 + dice % 7;
    }

    /** Retried on IOException only, no fallback: some failures reach the caller. */
    public String raw(int x) throws IOException {
        RAW_RUNS.increment();
        int dice = ThreadLocalRandom.current().nextInt(1000);
        if (dice < 30) {
            RAW_FAILURES.increment();
            throw new IOException("raw " + x);
        }
        if (dice < 35) {
            RAW_FAILURES.increment();
            throw new IllegalArgumentException("bad " + x);
        }
        return "r" + x;
    }
}
