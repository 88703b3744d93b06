package io.selfheal.runtime.config;

/**
 * {@code retry:}. {@code max-attempts} counts every run of the body, the first one included
 * (as Resilience4j and Failsafe count): 3 means the first call and at most two retries.
 */
public record RetryConfig(int maxAttempts, BackoffConfig backoff, ExceptionFilter filter) {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    static RetryConfig read(Section s) {
        int maxAttempts = s.integer("max-attempts", DEFAULT_MAX_ATTEMPTS, 1, 1000);
        BackoffConfig backoff = BackoffConfig.read(s.section("backoff"));
        ExceptionFilter filter = ExceptionFilter.read(s);
        s.rejectUnknownKeys("key");
        return new RetryConfig(maxAttempts, backoff, filter);
    }
}
