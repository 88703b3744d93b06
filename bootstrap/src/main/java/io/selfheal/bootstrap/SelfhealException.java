package io.selfheal.bootstrap;

/**
 * Base of the exceptions the agent throws on purpose into application code (never for its own
 * faults). Unchecked, so any woven method may throw it.
 */
public class SelfhealException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String target;

    public SelfhealException(String target, String message) {
        super(message);
        this.target = target;
    }

    /** The configured target name this exception concerns. */
    public String getTarget() {
        return target;
    }
}
