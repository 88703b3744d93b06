package io.selfheal.runtime.jmx;

import io.selfheal.runtime.patch.PatchInfo;
import java.util.List;

/** {@code io.selfheal:type=Agent}: the agent as a whole. Open types only. */
public interface AgentMXBean {
    String getVersion();

    String getConfigPath();

    /** How many targets the config in force names. */
    int getTargets();

    String[] getTargetNames();

    long getTotalCalls();

    long getFailures();

    long getHealed();

    long getUnhealed();

    long getAgentFaults();

    /**
     * Takes a checkpoint of the state named in {@code checkpoints:} now.
     *
     * @return its id, {@code cp-<millis>-<n>}
     * @throws IllegalStateException when the config has no {@code checkpoints:} block
     */
    String createCheckpoint();

    /**
     * Restores checkpoint {@code id}.
     *
     * @throws IllegalArgumentException when no kept checkpoint has that id; nothing is changed
     */
    void restoreCheckpoint(String id);

    /**
     * Applies the patch jar at {@code path} (a path in the JVM's file system). Returns what was
     * done; a rejected patch throws with the reason.
     */
    String applyPatch(String path);

    /**
     * As {@link #applyPatch(String)}, on probation: {@code probation} is a mapping in the config's
     * YAML ({@code "{ for: 5m, rollback-if: 'error-rate > before * 1.5', min-calls: 50 }"}); empty
     * for the jar's own or the config's {@code hot-patch.probation}.
     */
    String applyPatch(String path, String probation);

    /**
     * What the command line's {@code patch} calls: as {@link #applyPatch(String, String)}, recording
     * the OS user who ran the command.
     */
    String applyPatchFromCli(String path, String probation, String user);

    /**
     * A dry run: every check {@link #applyPatch} makes, nothing applied. Returns what would be
     * patched; a patch that would be rejected throws with the reasons.
     */
    String checkPatch(String path);

    /** Rolls back an applied patch; a refusal throws with the reason. */
    String rollbackPatch(String id);

    /** The applied patches, oldest first. */
    List<PatchInfo> patches();

    long getUptimeMillis();

    /** HEALTHY, DEGRADED, UNHEALTHY or CRITICAL: the worst of the targets'. */
    String getHealth();

    /** The healing log's path, or null when events go to stderr only. */
    String getEventsFile();

    /** {@code host:port} of the HTTP endpoint, or null when it is off. */
    String getHttpAddress();

    /**
     * Re-reads the config file. A file with problems is rejected whole (the old config stays);
     * the answer says what happened.
     */
    String reloadConfig();

    /** True when the JVM's memory is watched ({@code memory:}, or a condition on heap-after-gc or gc-time). */
    boolean isMemoryWatched();

    /** {@code heap-after-gc}: heap in use after the last collection over the maximum heap; NaN when not watched. */
    double getHeapAfterGc();

    /** {@code gc-time}: the fraction of the last 10 s spent in collection pauses; NaN when not watched. */
    double getGcTime();

    /** Heap bytes in use after the last collection; -1 when not known. */
    long getHeapAfterGcBytes();

    /** Runs of the reclaimers of {@code memory:}, whatever the trigger. */
    long getMemoryReclaims();

    /** {@code memory-reclaimed} events dropped for want of memory to form them. */
    long getMemoryEventsDropped();

    /**
     * Asks the memory thread to run the reclaimers (all of them when {@code name} is null or
     * empty), each only past its cooldown; returns at once.
     *
     * @throws IllegalArgumentException when there is no such reclaimer
     */
    String reclaim(String name);
}
