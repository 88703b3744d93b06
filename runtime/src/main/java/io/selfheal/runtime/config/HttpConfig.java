package io.selfheal.runtime.config;

/**
 * {@code http:}, the metrics and health endpoint; {@code null} in {@link AgentConfig} when absent
 * (the endpoint is off). A bind address that is not loopback requires {@code token-file}.
 */
public record HttpConfig(int port, String bind, String tokenFile) {

    public static final String DEFAULT_BIND = "127.0.0.1";

    static HttpConfig read(Section s) {
        int port = s.integer("port", 9404, 0, 65535);
        String bind = s.string("bind", DEFAULT_BIND);
        String tokenFile = s.string("token-file", null);
        if (tokenFile == null && !isLoopback(bind)) {
            s.problem("bind", "'" + bind + "' is not a loopback address: set token-file so that only"
                    + " holders of the token read the endpoint");
        }
        s.rejectUnknownKeys("key");
        return new HttpConfig(port, bind, tokenFile);
    }

    /** Loopback by its written form: no name look-up while reading a config. */
    public static boolean isLoopback(String bind) {
        String b = bind.trim();
        return b.equals("localhost") || b.startsWith("127.") || b.equals("::1") || b.equals("[::1]");
    }
}
