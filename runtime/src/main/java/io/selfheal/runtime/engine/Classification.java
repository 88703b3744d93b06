package io.selfheal.runtime.engine;

import java.util.Locale;

/** What kind of failure an exception is, and how bad. Both go into every failure-related event. */
public record Classification(Category category, Severity severity) {

    public enum Category {
        NETWORK, TIMEOUT, RESOURCE, STATE, VALIDATION, SECURITY, CONFIGURATION, UNKNOWN;

        /** The name written in events: lower case. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Severity {
        CRITICAL, HIGH, MEDIUM, LOW;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
