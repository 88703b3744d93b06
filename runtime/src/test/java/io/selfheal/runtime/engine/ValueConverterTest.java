package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ValueConverterTest {

    public static final class Price {
        public String currency;
        public long cents;
    }

    @Test
    void literalsBecomeTheReturnType() {
        assertEquals(7, ValueConverter.convert(7L, int.class));
        assertEquals(7L, ValueConverter.convert(7L, Long.class));
        assertEquals(2.5, ValueConverter.convert(2.5, double.class));
        assertEquals(true, ValueConverter.convert(true, boolean.class));
        assertEquals('x', ValueConverter.convert("x", char.class));
        assertEquals("7", ValueConverter.convert(7L, String.class));
        assertEquals(TimeUnit.SECONDS, ValueConverter.convert("SECONDS", TimeUnit.class));
        assertEquals(List.of("a"), ValueConverter.convert(List.of("a"), List.class));
        assertEquals(Set.of("a"), ValueConverter.convert(List.of("a", "a"), Set.class));
        assertEquals(new ArrayList<>(List.of("a")), ValueConverter.convert(List.of("a"), ArrayList.class));
        assertArrayEquals(new int[] {1, 2}, (int[]) ValueConverter.convert(List.of(1L, 2L), int[].class));
        assertEquals(Map.of("a", 1L), ValueConverter.convert(Map.of("a", 1L), Map.class));
        assertEquals(Optional.of("v"), ValueConverter.convert("v", Optional.class));
        assertNull(ValueConverter.convert(null, String.class));
        Price p = (Price) ValueConverter.convert(Map.of("currency", "EUR", "cents", 125L), Price.class);
        assertEquals("EUR", p.currency);
        assertEquals(125, p.cents);
    }

    @Test
    void literalsThatCannotBeTheTypeAreRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> ValueConverter.convert("abc", int.class));
        assertThrows(IllegalArgumentException.class, () -> ValueConverter.convert(null, int.class));
        assertThrows(IllegalArgumentException.class, () -> ValueConverter.convert(List.of(), String.class));
        assertThrows(IllegalArgumentException.class, () -> ValueConverter.convert("NOPE", TimeUnit.class));
        assertThrows(IllegalArgumentException.class,
                () -> ValueConverter.convert(Map.of("unknown", 1L), Price.class));
    }

    @Test
    void emptyValuesPerType() {
        assertEquals(0, ValueConverter.empty(int.class));
        assertEquals(false, ValueConverter.empty(boolean.class));
        assertEquals('\0', ValueConverter.empty(char.class));
        assertEquals(0.0, ValueConverter.empty(double.class));
        assertEquals(List.of(), ValueConverter.empty(List.class));
        assertEquals(List.of(), ValueConverter.empty(Collection.class));
        assertEquals(Set.of(), ValueConverter.empty(Set.class));
        assertEquals(Map.of(), ValueConverter.empty(Map.class));
        assertEquals(Optional.empty(), ValueConverter.empty(Optional.class));
        assertEquals(0, ((String[]) ValueConverter.empty(String[].class)).length);
        assertEquals(new ArrayList<>(), ValueConverter.empty(ArrayList.class));
        assertNull(ValueConverter.empty(String.class));
        assertNull(ValueConverter.empty(void.class));
    }

    /** JDBC's date and time types are converted without Jackson, which cannot see java.sql from the boot loader. */
    @Test
    void jdbcDatesAndTimesComeFromMillisTheirValueOfFormOrAnIsoInstant() {
        assertEquals(new java.sql.Timestamp(0), ValueConverter.convert(0L, java.sql.Timestamp.class));
        assertEquals(java.sql.Timestamp.valueOf("2024-05-01 12:00:00"),
                ValueConverter.convert("2024-05-01 12:00:00", java.sql.Timestamp.class));
        assertEquals(new java.sql.Timestamp(java.time.Instant.parse("2024-05-01T12:00:00Z").toEpochMilli()),
                ValueConverter.convert("2024-05-01T12:00:00Z", java.sql.Timestamp.class));
        assertEquals(java.sql.Date.valueOf("2024-05-01"), ValueConverter.convert("2024-05-01", java.sql.Date.class));
        assertEquals(java.sql.Time.valueOf("12:30:00"), ValueConverter.convert("12:30:00", java.sql.Time.class));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ValueConverter.convert("next tuesday", java.sql.Timestamp.class));
        assertEquals("the value next tuesday cannot be returned as java.sql.Timestamp: neither its valueOf form"
                + " nor an ISO-8601 instant", bad.getMessage());
    }
}
