package io.selfheal.runtime.events;

/**
 * Writes an epoch-millisecond time exactly as {@code Instant.ofEpochMilli(ms).toString()} does
 * ({@code 2026-12-01T18:26:00.123Z}, no fraction on a whole second) without {@code java.time}'s
 * formatter, whose first use loads some 60 classes into every JVM the agent starts in.
 */
final class IsoInstant {
    /** 0001-01-01 and 9999-12-31 23:59:59.999, the years written with four digits and no sign. */
    private static final long MIN_MILLIS = -62_135_596_800_000L;
    private static final long MAX_MILLIS = 253_402_300_799_999L;

    private IsoInstant() {
    }

    static void append(long epochMillis, StringBuilder sb) {
        if (epochMillis < MIN_MILLIS || epochMillis > MAX_MILLIS) {
            sb.append(java.time.Instant.ofEpochMilli(epochMillis));
            return;
        }
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        long msOfDay = Math.floorMod(epochMillis, 86_400_000L);
        // Civil date from days since 1970-01-01 (proleptic Gregorian), by 400-year eras.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        pad(sb, year, 4).append('-');
        pad(sb, month, 2).append('-');
        pad(sb, day, 2).append('T');
        pad(sb, msOfDay / 3_600_000, 2).append(':');
        pad(sb, msOfDay / 60_000 % 60, 2).append(':');
        pad(sb, msOfDay / 1000 % 60, 2);
        long millis = msOfDay % 1000;
        if (millis != 0) {
            pad(sb.append('.'), millis, 3);
        }
        sb.append('Z');
    }

    private static StringBuilder pad(StringBuilder sb, long value, int digits) {
        String s = Long.toString(value);
        for (int i = s.length(); i < digits; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
