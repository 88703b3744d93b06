package io.selfheal.runtime.patch;

import java.util.List;

/**
 * One applied patch as JMX shows it. A bean with getters (not a record) so the MXBean machinery
 * maps it to CompositeData on every JDK from 17 on.
 */
public final class PatchInfo {
    private final String id;
    private final String description;
    private final List<String> classes;
    private final String source;
    private final String appliedAt;
    private final String status;
    private final String sha256;
    private final String signerSubject;
    private final String signerFingerprint;
    private final String via;
    private final String user;
    private final String probation;

    public PatchInfo(String id, String description, List<String> classes, String source, String appliedAt,
            String status) {
        this(id, description, classes, source, appliedAt, status, null, null, null, null, null, null);
    }

    /**
     * @param sha256 the jar's SHA-256 (hex)
     * @param signerSubject / signerFingerprint the signer's certificate, or null for an unsigned jar
     * @param via / user who applied it ({@link PatchOrigin})
     * @param probation how its probation stands, or null when it has none
     */
    public PatchInfo(String id, String description, List<String> classes, String source, String appliedAt,
            String status, String sha256, String signerSubject, String signerFingerprint, String via, String user,
            String probation) {
        this.id = id;
        this.description = description == null ? "" : description;
        this.classes = List.copyOf(classes);
        this.source = source;
        this.appliedAt = appliedAt;
        this.status = status;
        this.sha256 = orEmpty(sha256);
        this.signerSubject = orEmpty(signerSubject);
        this.signerFingerprint = orEmpty(signerFingerprint);
        this.via = orEmpty(via);
        this.user = orEmpty(user);
        this.probation = orEmpty(probation);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    public String getId() {
        return id;
    }

    public String getDescription() {
        return description;
    }

    public List<String> getClasses() {
        return classes;
    }

    /** The jar the patch was read from. */
    public String getSource() {
        return source;
    }

    /** ISO-8601 instant. */
    public String getAppliedAt() {
        return appliedAt;
    }

    /**
     * {@code applied}; {@code applied at load} for a patch re-applied at start to classes as they
     * load; {@code on-probation} while its probation watches it; {@code kept} once probation kept it.
     */
    public String getStatus() {
        return status;
    }

    /** The SHA-256 of the jar, in hex. */
    public String getSha256() {
        return sha256;
    }

    /** The subject of the signer's certificate; empty for an unsigned jar. */
    public String getSignerSubject() {
        return signerSubject;
    }

    /** The SHA-256 fingerprint of the signer's certificate ({@code AB:CD:...}); empty for an unsigned jar. */
    public String getSignerFingerprint() {
        return signerFingerprint;
    }

    /** Who applied it: {@code cli}, {@code jmx}, {@code directory}, {@code target:NAME}, {@code policy:TARGET}, {@code restart}. */
    public String getVia() {
        return via;
    }

    /** The OS user of the command line that applied it; empty for the other ways. */
    public String getUser() {
        return user;
    }

    /** How its probation stands ({@code until ...; rollback-if ...}, or the verdict); empty without one. */
    public String getProbation() {
        return probation;
    }

    @Override
    public String toString() {
        return id + "  " + status + "  " + appliedAt + "  " + String.join(",", classes)
                + (description.isEmpty() ? "" : "  " + description);
    }
}
