package io.selfheal.runtime.jmx;

import io.selfheal.runtime.patch.PatchInfo;
import java.util.List;

/** {@code io.selfheal:type=Agent}: the agent as a whole. Open types only. */
public interface AgentMXBean {
    String getVersion();

    String getConfigPath();

    int getTargets();

    long getAgentFaults();

    /**
     * Applies the patch jar at {@code path} (a path in the JVM's file system). Returns what was
     * done; a rejected patch throws with the reason.
     */
    String applyPatch(String path);

    /** Rolls back an applied patch; a refusal throws with the reason. */
    String rollbackPatch(String id);

    /** The applied patches, oldest first. */
    List<PatchInfo> patches();
}
