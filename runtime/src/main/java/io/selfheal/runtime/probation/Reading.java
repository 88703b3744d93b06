package io.selfheal.runtime.probation;

import io.selfheal.runtime.engine.LatencyRecorder;
import io.selfheal.runtime.engine.TargetRuntime;
import io.selfheal.runtime.engine.TargetStats;

/**
 * What a target had counted at one moment: its ever-growing call and failure counters and, when
 * it measures latency, its latency histogram ({@code null} otherwise, or where the history keeps
 * none). Two readings subtracted are what happened between them.
 */
record Reading(long atMillis, long calls, long failures, long[] latency) {

    static Reading of(TargetRuntime t, long nowMillis, boolean withLatency) {
        TargetStats s = t.stats();
        LatencyRecorder l = t.latency();
        return new Reading(nowMillis, s.calls.sum(), s.failures.sum(), withLatency && l != null ? l.snapshot() : null);
    }

    /** Nothing counted yet: the start of the target's counters. */
    static Reading origin(long atMillis) {
        return new Reading(atMillis, 0, 0, new long[0]);
    }

    Reading withoutLatency() {
        return new Reading(atMillis, calls, failures, null);
    }
}
