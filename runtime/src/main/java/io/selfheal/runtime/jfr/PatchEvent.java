package io.selfheal.runtime.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code selfheal.Patch}: A hot patch was applied, rejected or rolled back. */
@Name("selfheal.Patch")
@Label("Patch")
@Description("A hot patch was applied, rejected or rolled back.")
final class PatchEvent extends SelfhealEvent {
    @Label("Action")
    @Description("applied, rejected or rolled-back")
    String action;

    @Label("Patch")
    String id;

    @Label("Classes")
    String classes;

    @Label("Via")
    String via;

    @Label("Reason")
    String reason;
}
