package io.selfheal.it.apps.memory;

/** The target: builds a report in one large array, which fails while the caches fill the heap. */
public final class Reports {
    static int runs;

    private Reports() {
    }

    public static int build(int bytes) {
        runs++;
        byte[] report = new byte[bytes];
        report[bytes - 1] = 1;
        return report.length;
    }
}
