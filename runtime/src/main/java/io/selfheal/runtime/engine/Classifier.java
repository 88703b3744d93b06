package io.selfheal.runtime.engine;

import io.selfheal.bootstrap.SelfhealException;
import io.selfheal.runtime.engine.Classification.Category;
import io.selfheal.runtime.engine.Classification.Severity;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Gives a failure a category and a severity from its type and its causes. The thrown type decides
 * first (its class and superclasses, by name so that types from any class loader, including ones
 * the agent cannot see, are recognised); when it says nothing, each cause in turn is asked (an
 * {@code UncheckedIOException} wrapping a {@code ConnectException} is a network failure). Types no
 * rule knows are judged by words in their simple names ({@code ...Timeout...},
 * {@code ...Connect...}); what is left is {@code unknown}. An {@link Error} is never milder than high.
 */
public final class Classifier {
    private static final Classification UNKNOWN = new Classification(Category.UNKNOWN, Severity.MEDIUM);
    private static final Map<String, Classification> BY_TYPE = Map.ofEntries(
            rule("java.util.concurrent.TimeoutException", Category.TIMEOUT, Severity.MEDIUM),
            rule("java.net.SocketTimeoutException", Category.TIMEOUT, Severity.MEDIUM),
            rule("java.net.http.HttpTimeoutException", Category.TIMEOUT, Severity.MEDIUM),
            rule("java.io.InterruptedIOException", Category.TIMEOUT, Severity.MEDIUM),
            rule("java.lang.InterruptedException", Category.TIMEOUT, Severity.MEDIUM),
            rule("java.net.ConnectException", Category.NETWORK, Severity.HIGH),
            rule("java.net.NoRouteToHostException", Category.NETWORK, Severity.HIGH),
            rule("java.net.UnknownHostException", Category.NETWORK, Severity.HIGH),
            rule("java.net.SocketException", Category.NETWORK, Severity.MEDIUM),
            rule("java.net.ProtocolException", Category.NETWORK, Severity.MEDIUM),
            rule("java.nio.channels.ClosedChannelException", Category.NETWORK, Severity.MEDIUM),
            rule("java.io.EOFException", Category.NETWORK, Severity.MEDIUM),
            rule("javax.net.ssl.SSLException", Category.SECURITY, Severity.HIGH),
            rule("java.io.FileNotFoundException", Category.RESOURCE, Severity.MEDIUM),
            rule("java.nio.file.NoSuchFileException", Category.RESOURCE, Severity.MEDIUM),
            rule("java.nio.file.AccessDeniedException", Category.SECURITY, Severity.HIGH),
            rule("java.nio.file.FileSystemException", Category.RESOURCE, Severity.MEDIUM),
            rule("java.io.IOException", Category.NETWORK, Severity.MEDIUM),
            rule("java.io.UncheckedIOException", Category.NETWORK, Severity.MEDIUM),
            rule("java.lang.OutOfMemoryError", Category.RESOURCE, Severity.CRITICAL),
            rule("java.lang.StackOverflowError", Category.RESOURCE, Severity.CRITICAL),
            rule("java.lang.VirtualMachineError", Category.RESOURCE, Severity.CRITICAL),
            rule("java.util.concurrent.RejectedExecutionException", Category.RESOURCE, Severity.HIGH),
            rule("io.selfheal.bootstrap.CircuitOpenException", Category.RESOURCE, Severity.MEDIUM),
            rule("io.selfheal.bootstrap.IsolatedException", Category.RESOURCE, Severity.MEDIUM),
            rule("io.selfheal.bootstrap.RateLimitedException", Category.RESOURCE, Severity.MEDIUM),
            rule("io.selfheal.bootstrap.ConcurrencyLimitedException", Category.RESOURCE, Severity.MEDIUM),
            rule("java.lang.IllegalStateException", Category.STATE, Severity.MEDIUM),
            rule("java.util.ConcurrentModificationException", Category.STATE, Severity.MEDIUM),
            rule("java.lang.IllegalMonitorStateException", Category.STATE, Severity.HIGH),
            rule("java.lang.UnsupportedOperationException", Category.STATE, Severity.MEDIUM),
            rule("java.lang.NullPointerException", Category.STATE, Severity.MEDIUM),
            rule("java.util.NoSuchElementException", Category.STATE, Severity.LOW),
            rule("java.lang.IllegalArgumentException", Category.VALIDATION, Severity.LOW),
            rule("java.lang.IndexOutOfBoundsException", Category.VALIDATION, Severity.LOW),
            rule("java.lang.ArithmeticException", Category.VALIDATION, Severity.LOW),
            rule("java.lang.ClassCastException", Category.VALIDATION, Severity.MEDIUM),
            rule("java.time.format.DateTimeParseException", Category.VALIDATION, Severity.LOW),
            rule("java.lang.SecurityException", Category.SECURITY, Severity.HIGH),
            rule("java.security.GeneralSecurityException", Category.SECURITY, Severity.HIGH),
            rule("java.lang.ClassNotFoundException", Category.CONFIGURATION, Severity.HIGH),
            rule("java.lang.ReflectiveOperationException", Category.CONFIGURATION, Severity.HIGH),
            rule("java.lang.LinkageError", Category.CONFIGURATION, Severity.HIGH),
            rule("java.util.MissingResourceException", Category.CONFIGURATION, Severity.HIGH),
            rule("java.util.ServiceConfigurationError", Category.CONFIGURATION, Severity.HIGH),
            // HTTP clients' failures, by name: the agent depends on none of these libraries.
            rule("java.net.http.HttpConnectTimeoutException", Category.TIMEOUT, Severity.MEDIUM),
            // Spring's RestTemplate / RestClient: 5xx answers; the 503 and 504 ones by their own types
            rule("org.springframework.web.client.HttpServerErrorException", Category.NETWORK, Severity.MEDIUM),
            rule("org.springframework.web.client.HttpServerErrorException$ServiceUnavailable", Category.NETWORK,
                    Severity.MEDIUM),
            rule("org.springframework.web.client.HttpServerErrorException$BadGateway", Category.NETWORK,
                    Severity.MEDIUM),
            rule("org.springframework.web.client.HttpServerErrorException$GatewayTimeout", Category.TIMEOUT,
                    Severity.MEDIUM),
            rule("org.springframework.web.client.HttpClientErrorException$TooManyRequests", Category.RESOURCE,
                    Severity.MEDIUM),
            rule("org.springframework.web.client.HttpClientErrorException$RequestTimeout", Category.TIMEOUT,
                    Severity.MEDIUM),
            // Spring's WebClient: 5xx answers
            rule("org.springframework.web.reactive.function.client.WebClientResponseException$ServiceUnavailable",
                    Category.NETWORK, Severity.MEDIUM),
            rule("org.springframework.web.reactive.function.client.WebClientResponseException$BadGateway",
                    Category.NETWORK, Severity.MEDIUM),
            rule("org.springframework.web.reactive.function.client.WebClientResponseException$InternalServerError",
                    Category.NETWORK, Severity.MEDIUM),
            rule("org.springframework.web.reactive.function.client.WebClientResponseException$GatewayTimeout",
                    Category.TIMEOUT, Severity.MEDIUM),
            rule("org.springframework.web.reactive.function.client.WebClientResponseException$TooManyRequests",
                    Category.RESOURCE, Severity.MEDIUM),
            // OkHttp
            rule("okhttp3.internal.http2.StreamResetException", Category.NETWORK, Severity.MEDIUM),
            rule("okhttp3.internal.http2.ConnectionShutdownException", Category.NETWORK, Severity.MEDIUM),
            rule("okhttp3.internal.connection.RouteException", Category.NETWORK, Severity.HIGH),
            // Apache HttpClient 4 and 5
            rule("org.apache.http.conn.ConnectTimeoutException", Category.TIMEOUT, Severity.MEDIUM),
            rule("org.apache.http.conn.ConnectionPoolTimeoutException", Category.TIMEOUT, Severity.MEDIUM),
            rule("org.apache.http.conn.HttpHostConnectException", Category.NETWORK, Severity.HIGH),
            rule("org.apache.http.NoHttpResponseException", Category.NETWORK, Severity.MEDIUM),
            rule("org.apache.hc.client5.http.ConnectTimeoutException", Category.TIMEOUT, Severity.MEDIUM),
            rule("org.apache.hc.client5.http.HttpHostConnectException", Category.NETWORK, Severity.HIGH),
            rule("org.apache.hc.core5.http.NoHttpResponseException", Category.NETWORK, Severity.MEDIUM),
            rule("org.apache.hc.core5.http.ConnectionRequestTimeoutException", Category.TIMEOUT, Severity.MEDIUM),
            rule("org.apache.hc.client5.http.ConnectionRequestTimeoutException", Category.TIMEOUT, Severity.MEDIUM),
            rule("org.apache.hc.core5.util.DeadlineTimeoutException", Category.TIMEOUT, Severity.MEDIUM));
    /**
     * Exceptions that wrap the real failure: their causes are asked first (a
     * {@code ResourceAccessException} around a {@code SocketTimeoutException} is a timeout), and
     * they say this only when no cause is known.
     */
    private static final Map<String, Classification> WRAPPERS = Map.ofEntries(
            rule("org.springframework.web.client.ResourceAccessException", Category.NETWORK, Severity.MEDIUM),
            rule("org.springframework.web.reactive.function.client.WebClientRequestException", Category.NETWORK,
                    Severity.MEDIUM),
            rule("feign.RetryableException", Category.NETWORK, Severity.MEDIUM));

    private Classifier() {
    }

    private static Map.Entry<String, Classification> rule(String type, Category c, Severity s) {
        return Map.entry(type, new Classification(c, s));
    }

    public static Classification classify(Throwable thrown) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Classification wrapper = null;
        for (Throwable t = thrown; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            Classification wrapping = wrapperOf(t.getClass());
            if (wrapping != null) {
                if (wrapper == null) {
                    wrapper = wrapping;   // the outermost wrapper speaks when no cause does
                }
                continue;
            }
            Classification c = byType(t.getClass());
            if (c == null) {
                c = byName(t.getClass());
            }
            if (c != null) {
                return atLeastHighForErrors(thrown, c);
            }
        }
        return atLeastHighForErrors(thrown, wrapper != null ? wrapper : UNKNOWN);
    }

    private static Classification wrapperOf(Class<?> type) {
        for (Class<?> c = type; c != null && c != Throwable.class; c = c.getSuperclass()) {
            if (c == Exception.class || c == RuntimeException.class) {
                return null;
            }
            Classification known = WRAPPERS.get(c.getName());
            if (known != null) {
                return known;
            }
        }
        return null;
    }

    private static Classification byType(Class<?> type) {
        for (Class<?> c = type; c != null && c != Throwable.class; c = c.getSuperclass()) {
            if (c == Exception.class || c == RuntimeException.class || c == SelfhealException.class) {
                return null;
            }
            Classification known = BY_TYPE.get(c.getName());
            if (known != null) {
                return known;
            }
        }
        return null;
    }

    private static Classification byName(Class<?> type) {
        String n = type.getSimpleName().toLowerCase(Locale.ROOT);
        if (n.contains("timeout") || n.contains("timedout")) {
            return new Classification(Category.TIMEOUT, Severity.MEDIUM);
        }
        if (n.contains("connect") || n.contains("socket") || n.contains("network") || n.contains("host")) {
            return new Classification(Category.NETWORK, Severity.MEDIUM);
        }
        if (n.contains("security") || n.contains("auth") || n.contains("permission") || n.contains("accessdenied")
                || n.contains("forbidden")) {
            return new Classification(Category.SECURITY, Severity.HIGH);
        }
        if (n.contains("config")) {
            return new Classification(Category.CONFIGURATION, Severity.HIGH);
        }
        if (n.contains("validation") || n.contains("invalid") || n.contains("parse") || n.contains("format")) {
            return new Classification(Category.VALIDATION, Severity.LOW);
        }
        if (n.contains("pool") || n.contains("exhausted") || n.contains("quota") || n.contains("capacity")
                || n.contains("rejected")) {
            return new Classification(Category.RESOURCE, Severity.HIGH);
        }
        return null;
    }

    private static Classification atLeastHighForErrors(Throwable thrown, Classification c) {
        if (thrown instanceof Error && (c.severity() == Severity.MEDIUM || c.severity() == Severity.LOW)) {
            return new Classification(c.category(), Severity.HIGH);
        }
        return c;
    }
}
