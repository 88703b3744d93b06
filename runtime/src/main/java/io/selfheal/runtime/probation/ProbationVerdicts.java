package io.selfheal.runtime.probation;

import java.util.Map;

/**
 * What a probation's verdict does, given by whoever applied the patch (the agent's patch
 * manager): roll the patch back, or keep it. Called on the probation thread, outside the
 * monitor's lock.
 */
public interface ProbationVerdicts {

    /** The condition held: roll the patch back ({@code by: probation}); {@code figures} decided it. */
    void rollBack(String patchId, String decidedBy, Map<String, Object> figures);

    /** The probation ended without the condition holding; {@code message} says so, or that there was no verdict. */
    void keep(String patchId, boolean verdict, String message, Map<String, Object> figures);
}
