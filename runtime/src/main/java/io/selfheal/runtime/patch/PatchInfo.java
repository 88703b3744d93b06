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

    public PatchInfo(String id, String description, List<String> classes, String source, String appliedAt,
            String status) {
        this.id = id;
        this.description = description == null ? "" : description;
        this.classes = List.copyOf(classes);
        this.source = source;
        this.appliedAt = appliedAt;
        this.status = status;
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

    /** {@code applied}, or {@code applied at load} for a patch re-applied at start to classes as they load. */
    public String getStatus() {
        return status;
    }

    @Override
    public String toString() {
        return id + "  " + status + "  " + appliedAt + "  " + String.join(",", classes)
                + (description.isEmpty() ? "" : "  " + description);
    }
}
