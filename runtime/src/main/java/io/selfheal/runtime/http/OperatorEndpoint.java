package io.selfheal.runtime.http;

/**
 * The running HTTP endpoint as the agent holds it. An interface because the endpoint's class may
 * be defined in a loader of its own, one that sees the JDK's HTTP server, while the agent runs
 * from the boot loader, which does not (the agent's {@code PlatformModuleLoader}).
 */
public interface OperatorEndpoint extends AutoCloseable {
    /** {@code host:port} actually bound (the port is the real one when the config said 0). */
    String address();

    int port();

    @Override
    void close();
}
