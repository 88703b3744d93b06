package io.selfheal.runtime.config;

import java.util.List;

/**
 * {@code http:}, the metrics and health endpoint; {@code null} in {@link AgentConfig} when absent
 * (the endpoint is off). A bind address that is not loopback requires {@code token-file}.
 */
public record HttpConfig(int port, String bind, String tokenFile) {

    public static final String DEFAULT_BIND = "127.0.0.1";

    @ConfigKey.Doc("the port of GET /metrics and GET /health (0: any free port)")
    static final ConfigKey PORT = ConfigKey.integer("port", 9404, 0, 65535);
    @ConfigKey.Doc("the address to listen on; one that is not loopback needs token-file")
    static final ConfigKey BIND = ConfigKey.string("bind", DEFAULT_BIND);
    @ConfigKey.Doc("a file holding the token requests must send as \"Authorization: Bearer <token>\"")
    static final ConfigKey TOKEN_FILE = ConfigKey.string("token-file", null);
    static final List<ConfigKey> KEYS = List.of(PORT, BIND, TOKEN_FILE);

    static HttpConfig read(Section s) {
        int port = s.integer(PORT);
        String bind = s.string(BIND);
        String tokenFile = s.string(TOKEN_FILE);
        if (tokenFile == null && !isLoopback(bind)) {
            s.problem(BIND, "'" + bind + "' is not a loopback address: set token-file so that only"
                    + " holders of the token read the endpoint");
        }
        s.rejectUnknownKeys("key", KEYS);
        return new HttpConfig(port, bind, tokenFile);
    }

    /** Loopback by its written form: no name look-up while reading a config. */
    public static boolean isLoopback(String bind) {
        String b = bind.trim();
        return b.equals("localhost") || b.startsWith("127.") || b.equals("::1") || b.equals("[::1]");
    }
}
