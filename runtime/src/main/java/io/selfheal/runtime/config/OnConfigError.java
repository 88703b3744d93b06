package io.selfheal.runtime.config;

/** {@code on-config-error:} what the agent does when its config has problems. */
public enum OnConfigError {
    /** Report every problem on stderr and start with the agent disabled (the default). */
    DISABLE,
    /** Report every problem and stop the JVM from starting. */
    FAIL
}
