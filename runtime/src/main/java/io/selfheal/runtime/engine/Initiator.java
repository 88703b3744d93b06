package io.selfheal.runtime.engine;

/**
 * Who moved a circuit or an isolation by hand rather than by counting failures. The breaker and
 * the isolation pass it with the transition to their listeners; it is named in the transition's
 * reason ({@code "opened by a policy"}) and, as {@code by}, in its event.
 */
public enum Initiator {
    OPERATOR("operator", "an operator"),
    POLICY("policy", "a policy"),
    PREDICTION("prediction", "a prediction"),
    ADAPTIVE("adaptive", "the adaptive strategy"),
    MEMORY("state-memory", "the state memory");

    private final String wireName;
    private final String phrase;

    Initiator(String wireName, String phrase) {
        this.wireName = wireName;
        this.phrase = phrase;
    }

    /** The {@code by} value of events. */
    public String wireName() {
        return wireName;
    }

    /** {@code verb by <who>}, e.g. {@code opened by a policy}: the reason a transition carries. */
    public String reason(String verb) {
        return verb + " by " + phrase;
    }
}
