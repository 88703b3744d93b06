package io.selfheal.runtime.engine;


/**
 * {@code rate-limit:}: takes a permit from the target's token bucket at enter, waiting up to
 * {@code wait} for one; without one the call is refused (it short-circuits: the fallback chain, or
 * {@code RateLimitedException}). It admits before every other stage, so a refused call takes no
 * bulkhead permit, is no half-open probe and is never one of the circuit's calls; a call a later
 * stage refuses gives its permit back. A retry of a permitted call runs on that call's permit.
 */
final class RateLimitStage implements Stage {
    /**
     * The limiter that refused this thread's call just now: the woven code asks the pipeline's
     * short-circuit for the answer right after, on the same thread, and it needs to know why.
     * Read only on that refused path.
     */
    private static final ThreadLocal<RateLimiter[]> REFUSED_BY = new ThreadLocal<RateLimiter[]>() {
        @Override
        protected RateLimiter[] initialValue() {
            return new RateLimiter[1];
        }
    };

    private final RateLimiter limiter;
    private final io.selfheal.runtime.time.Clock clock;

    RateLimitStage(RateLimiter limiter, EngineContext context) {
        this.limiter = limiter;
        this.clock = context.clock();
    }

    @Override
    public boolean needsEnter() {
        return true;
    }

    @Override
    public int admit() {
        long wait = limiter.take();
        if (wait == 0) {
            return ADMITTED;
        }
        if (wait > 0) {
            if (clock.sleep(RateLimiter.roundUpToMillis(wait))) {
                return ADMITTED;
            }
            limiter.giveBack();   // interrupted while waiting: refused, the interrupt flag kept
        }
        REFUSED_BY.get()[0] = limiter;
        return REFUSED;
    }

    @Override
    public void giveBack(int admitted) {
        limiter.giveBack();
    }

    /**
     * True when {@code limiter} refused this thread's call at its enter. The mark stays until {@link
     * #forget}: a short-circuit asked again for the arguments (a fallback method) must see it too.
     */
    static boolean refused(RateLimiter limiter) {
        return limiter != null && REFUSED_BY.get()[0] == limiter;
    }

    /** The call's short-circuit is decided: its refusal mark, if any, is dropped. */
    static void forget(RateLimiter limiter) {
        if (limiter != null) {
            REFUSED_BY.get()[0] = null;
        }
    }
}
