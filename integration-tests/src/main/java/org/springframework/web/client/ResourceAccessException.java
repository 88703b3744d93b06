package org.springframework.web.client;

/** A stand-in under Spring's name: an I/O error under the client, usually with its cause. */
public class ResourceAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResourceAccessException(String message) {
        super(message);
    }

    public ResourceAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
