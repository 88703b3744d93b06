package io.selfheal.runtime.config;

import java.util.List;

/**
 * {@code retry:}. {@code max-attempts} counts every run of the body, the first one included
 * (as Resilience4j and Failsafe count): 3 means the first call and at most two retries.
 */
public record RetryConfig(int maxAttempts, BackoffConfig backoff, ExceptionFilter filter, OnResultConfig onResult) {

    /** Without {@code on-result}: only exceptions are failed attempts. */
    public RetryConfig(int maxAttempts, BackoffConfig backoff, ExceptionFilter filter) {
        this(maxAttempts, backoff, filter, null);
    }

    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    @ConfigKey.Doc("runs of the body in all, the first included (3 = the call and at most 2 retries)")
    static final ConfigKey MAX_ATTEMPTS = ConfigKey.integer("max-attempts", DEFAULT_MAX_ATTEMPTS, 1, 1000);
    @ConfigKey.Doc("the waits between runs: exponential, capped, with jitter")
    static final ConfigKey BACKOFF = ConfigKey.section("backoff", "BackoffConfig.KEYS", null);
    @ConfigKey.Doc("returned values that count as failed attempts, as exceptions do")
    static final ConfigKey ON_RESULT = ConfigKey.section("on-result", "OnResultConfig.KEYS", "none");
    static final List<ConfigKey> KEYS = ConfigKey.join(List.of(MAX_ATTEMPTS, BACKOFF, ON_RESULT), ExceptionFilter.KEYS);

    /** True when {@code on:} names {@code java.lang.OutOfMemoryError} or a supertype: memory is reclaimed before the retry. */
    public boolean retriesOutOfMemory() {
        for (String name : filter.on()) {
            if (name.equals("java.lang.OutOfMemoryError") || name.equals("java.lang.VirtualMachineError")
                    || name.equals("java.lang.Error") || name.equals("java.lang.Throwable")) {
                return true;
            }
        }
        return false;
    }

    static RetryConfig read(Section s) {
        int maxAttempts = s.integer(MAX_ATTEMPTS);
        BackoffConfig backoff = BackoffConfig.read(s.section(BACKOFF));
        ExceptionFilter filter = ExceptionFilter.read(s);
        OnResultConfig onResult = s.has(ON_RESULT) ? OnResultConfig.read(s.section(ON_RESULT)) : null;
        s.rejectUnknownKeys("key", KEYS);
        return new RetryConfig(maxAttempts, backoff, filter, onResult);
    }
}
