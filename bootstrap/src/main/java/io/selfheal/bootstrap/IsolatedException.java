package io.selfheal.bootstrap;

/** A call was short-circuited because the target is isolated or its bulkhead is full. */
public class IsolatedException extends SelfhealException {
    private static final long serialVersionUID = 1L;

    public IsolatedException(String target, String reason) {
        super(target, "target '" + target + "' is isolated: " + reason);
    }
}
