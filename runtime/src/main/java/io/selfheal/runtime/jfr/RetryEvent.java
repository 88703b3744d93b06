package io.selfheal.runtime.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code selfheal.Retry}: A failed run of a woven body is run again (or a retry was skipped: see outcome). */
@Name("selfheal.Retry")
@Label("Retry")
@Description("A failed run of a woven body is run again (or a retry was skipped: see outcome).")
final class RetryEvent extends SelfhealEvent {
    @Label("Max Attempts")
    int maxAttempts;

    @Label("Outcome")
    String outcome;
}
