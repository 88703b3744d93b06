package io.selfheal.runtime.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

    @Test
    void writesWhatInstantToStringWrites() {
        long[] edges = {0, 1, 999, 1000, -1, -1000, -86_400_000L, 951_782_400_000L /* 2000-02-29 */,
                4_107_542_400_000L /* 2100-03-01 */, -62_135_596_800_000L, -62_135_596_800_001L,
                253_402_300_799_999L, 253_402_300_800_000L, Long.MAX_VALUE / 1000, 1_795_000_000_123L};
        for (long ms : edges) {
            assertSame(ms);
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            assertSame(random.nextLong(-70_000_000_000_000L, 260_000_000_000_000L));
        }
    }

    private static void assertSame(long ms) {
        StringBuilder sb = new StringBuilder();
        IsoInstant.append(ms, sb);
        assertEquals(Instant.ofEpochMilli(ms).toString(), sb.toString(), "at " + ms);
    }
}
