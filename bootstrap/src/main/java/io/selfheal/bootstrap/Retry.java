package io.selfheal.bootstrap;

/**
 * Returned by {@link HealingHandler#failure} to say "run the body again". The woven method keeps
 * the returned object as the call's token, so the runtime can carry a call's attempt count, first
 * failure time and snapshots across attempts without the woven code knowing what they are.
 */
public abstract class Retry {
    protected Retry() {
    }
}
