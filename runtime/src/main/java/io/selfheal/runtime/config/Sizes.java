package io.selfheal.runtime.config;

/**
 * Reads sizes as config files write them: a byte count ({@code 1048576}) or a whole number and a
 * unit, {@code KB}, {@code MB} or {@code GB} (powers of 1024, as log tools count them).
 */
public final class Sizes {
    private static final long KB = 1024;
    private static final long MB = KB * 1024;
    private static final long GB = MB * 1024;

    private Sizes() {
    }

    /**
     * @throws IllegalArgumentException with a message fit for the user when the text is not a
     *     whole byte count or a whole number and a known unit
     */
    public static long parse(String text) {
        String t = text.trim();
        int digits = Durations.digitsFrom(t, 0);
        String unit = t.substring(digits).trim();
        long multiplier = switch (unit) {
            case "", "B" -> 1;
            case "KB" -> KB;
            case "MB" -> MB;
            case "GB" -> GB;
            default -> 0;
        };
        if (digits == 0 || multiplier == 0) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a size; write a byte count or a whole number and a unit: 512KB, 10MB, 1GB");
        }
        long amount;
        try {
            amount = Long.parseLong(t.substring(0, digits));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large", e);
        }
        if (amount > Long.MAX_VALUE / multiplier) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return amount * multiplier;
    }

    /** The shortest way to write {@code bytes} back, for messages and reports. */
    public static String format(long bytes) {
        if (bytes > 0 && bytes % GB == 0) {
            return bytes / GB + "GB";
        }
        if (bytes > 0 && bytes % MB == 0) {
            return bytes / MB + "MB";
        }
        if (bytes > 0 && bytes % KB == 0) {
            return bytes / KB + "KB";
        }
        return Long.toString(bytes);
    }
}
