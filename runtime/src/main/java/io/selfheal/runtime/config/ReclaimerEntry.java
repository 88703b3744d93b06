package io.selfheal.runtime.config;

/**
 * One entry of {@code memory.reclaimers}: a static method to call ({@code invoke}) or a static
 * Map or Collection field to clear ({@code clear}), named {@code Class#member}.
 *
 * @param location where the entry stands in the file, for problems found when its class loads
 */
public record ReclaimerEntry(String name, Kind kind, String className, String member, YamlNode location) {

    /** What the reclaimer does with its member. */
    public enum Kind {
        /** Calls a static method taking no arguments or one {@code double} (the pressure, 0-1). */
        INVOKE("invoke"),
        /** Clears a static field holding a {@code java.util.Map} or {@code java.util.Collection}. */
        CLEAR("clear");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** {@code invoke com.acme.PriceCache#trimToHalf}, for messages. */
    @Override
    public String toString() {
        return kind.wireName() + " " + className + "#" + member;
    }
}
