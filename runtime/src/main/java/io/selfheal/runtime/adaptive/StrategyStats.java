package io.selfheal.runtime.adaptive;

/**
 * How one candidate strategy has done against one exception type: attempts, how many healed,
 * and the total time those that healed took. Immutable; also the shape kept in the state file.
 */
public record StrategyStats(long attempts, long healed, long totalHealMillis) {

    public static final StrategyStats NONE = new StrategyStats(0, 0, 0);

    public StrategyStats {
        if (attempts < 0 || healed < 0 || healed > attempts || totalHealMillis < 0) {
            throw new IllegalArgumentException("inconsistent strategy stats: " + attempts + " attempts, " + healed
                    + " healed, " + totalHealMillis + "ms");
        }
    }

    public StrategyStats plus(boolean didHeal, long healMillis) {
        return new StrategyStats(attempts + 1, healed + (didHeal ? 1 : 0),
                totalHealMillis + (didHeal ? Math.max(0, healMillis) : 0));
    }

    public double successRate() {
        return attempts == 0 ? 0 : (double) healed / attempts;
    }

    /** Mean time to heal of the attempts that healed; infinite when none did. */
    public double meanHealMillis() {
        return healed == 0 ? Double.POSITIVE_INFINITY : (double) totalHealMillis / healed;
    }

    /** {@code healed 9/10 (90%), mean 12ms to heal}. */
    public String describe() {
        String s = "healed " + healed + "/" + attempts + " (" + Math.round(successRate() * 100) + "%)";
        return healed == 0 ? s : s + ", mean " + Math.round(meanHealMillis()) + "ms to heal";
    }
}
