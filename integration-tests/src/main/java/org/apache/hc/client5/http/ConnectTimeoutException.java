package org.apache.hc.client5.http;

/** A stand-in under Apache HttpClient 5's name (the real one is an InterruptedIOException; this one says nothing but its name). */
public class ConnectTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectTimeoutException(String message) {
        super(message);
    }
}
