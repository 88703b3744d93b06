package io.selfheal.runtime.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DrillOptionsTest {
    @Test
    void splitsOnSpacesAndKeepsQuotedSpaces() {
        assertArrayEquals(new String[] {"--throw", "java.io.IOException:a b", "--rate", "0.5"},
                DrillOptions.split("  --throw \"java.io.IOException:a b\"   --rate 0.5 "));
        assertThrows(IllegalArgumentException.class, () -> DrillOptions.split("--return \"open"));
    }

    @Test
    void whatJoinWritesSplitReadsBack() {
        List<String> options = List.of("--throw", "x.Y:say \"hi\" \\ there", "--return", "");
        assertArrayEquals(options.toArray(new String[0]), DrillOptions.split(DrillOptions.join(options)));
    }
}
