package io.selfheal.runtime.patch;

import java.nio.file.Path;
import java.util.List;

/**
 * Applies and rolls back hot patches. The agent implements it (it needs Instrumentation and ASM,
 * which the runtime must not know) and hands it to the engine and the JMX bean. Every way in (the
 * watched directory, JMX, the command line, the {@code hot-patch} strategy) goes through it.
 */
public interface PatchApplier {

    /**
     * Checks the jar and, when every check passes, redefines all its classes at once.
     *
     * @param via who asked (for the events): {@code directory}, {@code jmx}, {@code target:NAME}, ...
     */
    PatchOutcome apply(Path jar, String via);

    /** Restores the bytes the patch replaced; refused while a newer patch changes the same class. */
    PatchOutcome rollback(String id, String via);

    /** The applied patches, oldest first. */
    List<PatchInfo> patches();
}
