package org.apache.http;

/** A stand-in under Apache HttpClient 4's name (the real one is an IOException; this one says nothing but its name). */
public class NoHttpResponseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoHttpResponseException(String message) {
        super(message);
    }
}
