package okhttp3.internal.http2;

/** A stand-in under OkHttp's name. */
public class StreamResetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StreamResetException(String message) {
        super(message);
    }
}
