package io.selfheal.runtime.patch;

/** What became of one apply or rollback: done or refused, the patch id (when known) and why. */
public record PatchOutcome(boolean done, String id, String message) {

    public static PatchOutcome done(String id, String message) {
        return new PatchOutcome(true, id, message);
    }

    public static PatchOutcome refused(String id, String reason) {
        return new PatchOutcome(false, id, reason);
    }
}
