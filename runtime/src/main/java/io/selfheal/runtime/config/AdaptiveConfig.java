package io.selfheal.runtime.config;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code strategy: adaptive} with {@code candidates:}: for each exception type, the candidate that
 * has healed best so far is used, and another one is tried with probability {@code exploration}.
 */
public record AdaptiveConfig(List<String> candidates, double exploration) {

    /** The strategies a candidate may name. */
    public static final List<String> KNOWN = Strategy.adaptiveCandidateNames();
    public static final double DEFAULT_EXPLORATION = 0.1;

    @ConfigKey.Doc("adaptive: for each exception type, use the candidate that has healed best so far")
    static final ConfigKey STRATEGY = ConfigKey.oneOf("strategy", "fixed", List.of("fixed", "adaptive"));
    @ConfigKey.Doc("with strategy: adaptive, at least two strategies to choose among, each listed once")
    static final ConfigKey CANDIDATES = ConfigKey.someOf("candidates", "none", KNOWN);
    @ConfigKey.Doc("with strategy: adaptive, the probability of trying another candidate than the best")
    static final ConfigKey EXPLORATION = ConfigKey.number("exploration", DEFAULT_EXPLORATION, 0.0, 1.0);
    /** Keys of the target block, not of a block of their own. */
    static final List<ConfigKey> KEYS = List.of(STRATEGY, CANDIDATES, EXPLORATION);

    /** Reads the target keys {@code strategy}, {@code candidates} and {@code exploration}; null when not adaptive. */
    static AdaptiveConfig read(Section target) {
        String strategy = target.string(STRATEGY);
        boolean hasCandidates = target.has(CANDIDATES);
        boolean hasExploration = target.has(EXPLORATION);
        if (!strategy.equals("fixed") && !strategy.equals("adaptive")) {
            target.problem(STRATEGY, "must be 'fixed' or 'adaptive', found '" + strategy + "'");
            return null;
        }
        if (strategy.equals("fixed")) {
            if (hasCandidates) {
                target.problem(CANDIDATES, "only applies with strategy: adaptive");
            }
            if (hasExploration) {
                target.problem(EXPLORATION, "only applies with strategy: adaptive");
            }
            return null;
        }
        List<String> candidates = new ArrayList<>();
        boolean badCandidate = false;
        for (String c : target.strings(CANDIDATES)) {
            if (!KNOWN.contains(c)) {
                target.problem(CANDIDATES, "unknown strategy '" + c + "'; known: " + String.join(", ", KNOWN));
                badCandidate = true;
            } else if (candidates.contains(c)) {
                target.problem(CANDIDATES, "'" + c + "' is listed twice");
            } else {
                candidates.add(c);
            }
        }
        if (candidates.size() < 2 && !badCandidate) {
            target.problem(hasCandidates ? CANDIDATES : STRATEGY,
                    "strategy: adaptive needs at least two candidates, such as candidates: [ retry, fallback ]");
        }
        double exploration = target.number(EXPLORATION);
        return new AdaptiveConfig(List.copyOf(candidates), exploration);
    }
}
