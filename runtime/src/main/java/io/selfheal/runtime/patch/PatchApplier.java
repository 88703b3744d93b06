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

    /**
     * As {@link #apply(Path, String)}, naming who asked ({@code origin}, with the OS user of the
     * command line) and with a probation: the text of a {@code probation:} mapping, or null for
     * the jar's own or the config's {@code hot-patch.probation}. An applier that knows neither
     * applies the patch as {@link #apply(Path, String)} does.
     */
    default PatchOutcome apply(Path jar, PatchOrigin origin, String probation) {
        return apply(jar, origin.via());
    }

    /**
     * Runs every check {@link #apply} runs and changes nothing (a dry run): done when the patch
     * would apply, refused with the reasons it would be rejected with.
     */
    default PatchOutcome check(Path jar) {
        return PatchOutcome.refused(null, "this JVM's patch applier cannot check a patch without applying it");
    }

    /** Restores the bytes the patch replaced; refused while a newer patch changes the same class. */
    PatchOutcome rollback(String id, String via);

    /** The applied patches, oldest first. */
    List<PatchInfo> patches();
}
