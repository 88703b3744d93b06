package io.selfheal.agent.patch;

/** A check failed: the message is the reason given to the operator. Nothing has changed. */
public final class PatchRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public PatchRejectedException(String reason) {
        super(reason, null, false, false);
    }
}
