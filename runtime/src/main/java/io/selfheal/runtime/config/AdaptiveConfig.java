package io.selfheal.runtime.config;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code strategy: adaptive} with {@code candidates:}: for each exception type, the candidate that
 * has healed best so far is used, and another one is tried with probability {@code exploration}.
 */
public record AdaptiveConfig(List<String> candidates, double exploration) {

    /** The strategies a candidate may name. */
    public static final List<String> KNOWN = List.of("retry", "fallback", "circuit-breaker", "isolate", "restore");
    public static final double DEFAULT_EXPLORATION = 0.1;

    /** Reads the target keys {@code strategy}, {@code candidates} and {@code exploration}; null when not adaptive. */
    static AdaptiveConfig read(Section target) {
        String strategy = target.string("strategy", "fixed");
        boolean hasCandidates = target.has("candidates");
        boolean hasExploration = target.has("exploration");
        if (!strategy.equals("fixed") && !strategy.equals("adaptive")) {
            target.problem("strategy", "must be 'fixed' or 'adaptive', found '" + strategy + "'");
            return null;
        }
        if (strategy.equals("fixed")) {
            if (hasCandidates) {
                target.problem("candidates", "only applies with strategy: adaptive");
            }
            if (hasExploration) {
                target.problem("exploration", "only applies with strategy: adaptive");
            }
            return null;
        }
        List<String> candidates = new ArrayList<>();
        boolean badCandidate = false;
        for (String c : target.strings("candidates")) {
            if (!KNOWN.contains(c)) {
                target.problem("candidates", "unknown strategy '" + c + "'; known: " + String.join(", ", KNOWN));
                badCandidate = true;
            } else if (candidates.contains(c)) {
                target.problem("candidates", "'" + c + "' is listed twice");
            } else {
                candidates.add(c);
            }
        }
        if (candidates.size() < 2 && !badCandidate) {
            target.problem(hasCandidates ? "candidates" : "strategy",
                    "strategy: adaptive needs at least two candidates, such as candidates: [ retry, fallback ]");
        }
        double exploration = target.number("exploration", DEFAULT_EXPLORATION, 0.0, 1.0);
        return new AdaptiveConfig(List.copyOf(candidates), exploration);
    }
}
