package io.selfheal.bootstrap;

/**
 * From {@link Healing#shortCircuit}: a drill's fault at the woven method's entry. The woven code
 * takes {@link #token} as the call's token, then runs the body when {@link #fault} is {@code null}
 * (a drill's latency has passed) or goes to its failure path with {@link #fault} as if the body had
 * thrown it, so the call's healing sees the injected fault as any other.
 */
public final class Injection {
    /** The call's token from here on (what {@link Healing#enter} would have answered). */
    public final Object token;
    /** What the body is taken to have thrown; {@code null}: run the body. */
    public final Throwable fault;

    public Injection(Object token, Throwable fault) {
        this.token = token;
        this.fault = fault;
    }
}
