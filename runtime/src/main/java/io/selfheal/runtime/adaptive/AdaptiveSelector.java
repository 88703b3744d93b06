package io.selfheal.runtime.adaptive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Chooses, for each exception type, which candidate strategy heals it, learning from every
 * outcome. Epsilon-greedy:
 *
 * <ol>
 *   <li>a candidate never tried against this exception type is tried first (in the listed order);
 *   <li>otherwise, with probability {@code exploration}, a candidate other than the best is chosen
 *       at random, so a strategy that got better is noticed;
 *   <li>otherwise the best: highest success rate (healed / attempts), then the lowest mean time to
 *       heal, then the listed order.
 * </ol>
 *
 * Each choice says why it was made, for the event. The random source is injected so tests script it.
 * Thread-safe: woven calls on many threads choose and record.
 */
public final class AdaptiveSelector {

    /** One decision and its reason, e.g. {@code best for java.io.IOException: retry healed 9/10 (90%)}. */
    public record Choice(String candidate, String reason, boolean exploring) {
    }

    private final List<String> candidates;
    private final double exploration;
    private final RandomGenerator random;
    /** exception type -> candidate -> stats. */
    private final Map<String, Map<String, StrategyStats>> stats = new HashMap<>();

    public AdaptiveSelector(List<String> candidates, double exploration, RandomGenerator random) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidates");
        }
        this.candidates = List.copyOf(candidates);
        this.exploration = exploration;
        this.random = random;
    }

    public List<String> candidates() {
        return candidates;
    }

    public synchronized Choice choose(String exceptionType) {
        Map<String, StrategyStats> byCandidate = stats.getOrDefault(exceptionType, Map.of());
        for (String c : candidates) {
            if (!byCandidate.containsKey(c)) {
                return new Choice(c, "untried against " + exceptionType + ": every candidate is tried once first",
                        false);
            }
        }
        List<String> ranked = ranked(byCandidate);
        String best = ranked.get(0);
        if (ranked.size() > 1 && random.nextDouble() < exploration) {
            String other = ranked.get(1 + random.nextInt(ranked.size() - 1));
            return new Choice(other, "exploring (" + Math.round(exploration * 100) + "% of choices) against "
                    + exceptionType + ": " + other + " " + byCandidate.get(other).describe() + "; best is " + best
                    + " " + byCandidate.get(best).describe(), true);
        }
        StringBuilder reason = new StringBuilder("best against ").append(exceptionType).append(": ").append(best)
                .append(' ').append(byCandidate.get(best).describe());
        if (ranked.size() > 1) {
            String next = ranked.get(1);
            reason.append("; next ").append(next).append(' ').append(byCandidate.get(next).describe());
        }
        return new Choice(best, reason.toString(), false);
    }

    /** Records how {@code candidate} did against {@code exceptionType}. Unknown candidates are ignored. */
    public synchronized void record(String exceptionType, String candidate, boolean healed, long healMillis) {
        if (!candidates.contains(candidate)) {
            return;
        }
        stats.computeIfAbsent(exceptionType, t -> new LinkedHashMap<>())
                .merge(candidate, StrategyStats.NONE.plus(healed, healMillis), (old, one) -> old.plus(healed, healMillis));
    }

    /** A copy of everything learned, for the state file. */
    public synchronized Map<String, Map<String, StrategyStats>> snapshot() {
        Map<String, Map<String, StrategyStats>> copy = new LinkedHashMap<>();
        stats.forEach((type, m) -> copy.put(type, new LinkedHashMap<>(m)));
        return copy;
    }

    /** Adds what an earlier run learned (from the state file); candidates no longer listed are dropped. */
    public synchronized void restore(Map<String, Map<String, StrategyStats>> learned) {
        learned.forEach((type, m) -> m.forEach((candidate, s) -> {
            if (candidates.contains(candidate)) {
                stats.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(candidate, s);
            }
        }));
    }

    private List<String> ranked(Map<String, StrategyStats> byCandidate) {
        List<String> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.<String>comparingDouble(c -> -byCandidate.get(c).successRate())
                .thenComparingDouble(c -> byCandidate.get(c).meanHealMillis())
                .thenComparingInt(candidates::indexOf));
        return ranked;
    }
}
