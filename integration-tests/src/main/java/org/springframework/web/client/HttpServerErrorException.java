package org.springframework.web.client;

/** A stand-in under Spring's name (selfheal depends on no HTTP client): a 5xx answer and two of its kinds. */
public class HttpServerErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HttpServerErrorException(String message) {
        super(message);
    }

    /** 503. */
    public static final class ServiceUnavailable extends HttpServerErrorException {
        private static final long serialVersionUID = 1L;

        public ServiceUnavailable(String message) {
            super(message);
        }
    }

    /** 504. */
    public static final class GatewayTimeout extends HttpServerErrorException {
        private static final long serialVersionUID = 1L;

        public GatewayTimeout(String message) {
            super(message);
        }
    }
}
