package io.selfheal.runtime.patch;

/**
 * Who asked for a patch operation, as its events and the patch listing name it: {@code via} is
 * {@code cli}, {@code jmx}, {@code directory}, {@code target:NAME}, {@code policy:TARGET},
 * {@code restart} or {@code probation}; {@code user} is the OS user of the command line that
 * asked (null for the other ways).
 */
public record PatchOrigin(String via, String user) {

    public static PatchOrigin of(String via) {
        return new PatchOrigin(via, null);
    }

    /** The {@code patch} command of the command line, run by the OS user {@code user}. */
    public static PatchOrigin cli(String user) {
        return new PatchOrigin("cli", user == null || user.isBlank() ? null : user);
    }

    /** The kind of requester, the {@code by} field of events: {@code via} up to its first ':'. */
    public String by() {
        int colon = via.indexOf(':');
        return colon < 0 ? via : via.substring(0, colon);
    }

    /** {@code cli (user alice)}, {@code jmx}: for the listing. */
    public String describe() {
        return user == null ? via : via + " (user " + user + ")";
    }
}
