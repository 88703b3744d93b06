package io.selfheal.bench;

import java.io.PrintStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * After a run, prints the figures benchmarks/README.md keeps, as ratios of benchmarks of the same
 * run, with the goals beside them. A benchmark that did not run (filtered out, or its
 * setup failed) leaves its lines out.
 */
final class Summary {
    private final Map<String, Double> score = new HashMap<>();
    private final Map<String, Double> bytesPerOp = new HashMap<>();
    private final PrintStream out;

    private Summary(Collection<RunResult> results, PrintStream out) {
        this.out = out;
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            String name = label.substring(label.lastIndexOf('.') + 1);
            score.put(name, r.getPrimaryResult().getScore());
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            if (alloc != null) {
                bytesPerOp.put(name, alloc.getScore());
            }
        }
    }

    static void print(Collection<RunResult> results, PrintStream out) {
        new Summary(results, out).print();
    }

    private void print() {
        out.println();
        out.println("selfheal figures (ratios of this run; goals from issue 8):");
        if (has("woven", "unwoven")) {
            double over = score.get("woven") - score.get("unwoven");
            line("woven success path vs unwoven", String.format("+%.1f ns/op (%.1f vs %.1f ns)", over,
                    score.get("woven"), score.get("unwoven")), "<= +10 ns", over <= 10);
        }
        if (bytesPerOp.containsKey("woven")) {
            double b = bytesPerOp.get("woven");
            line("woven success path allocation", String.format("%.1f B/op", b), "0 B/op", b < 0.5);
        }
        if (has("wovenUnguarded", "unwoven")) {
            line("woven without a breaker (retry + fallback) vs unwoven", String.format("+%.1f ns/op (%.1f vs %.1f ns)",
                    score.get("wovenUnguarded") - score.get("unwoven"), score.get("wovenUnguarded"),
                    score.get("unwoven")), "", true);
        }
        if (has("unwovenPlusCounter", "unwoven")) {
            line("  reference: one LongAdder increment (what the engine no longer does)", String.format("+%.1f ns/op",
                    score.get("unwovenPlusCounter") - score.get("unwoven")), "", true);
        }
        ratio("Resilience4j / woven (success path)", "resilience4j", "woven", ">= 10x", 10);
        ratio("Failsafe / woven (success path)", "failsafe", "woven", "", 0);
        if (has("wovenTwoThreads", "unwovenTwoThreads")) {
            line("2 threads, woven vs unwoven", String.format("+%.1f ns/op (%.1f vs %.1f ns)",
                    score.get("wovenTwoThreads") - score.get("unwovenTwoThreads"), score.get("wovenTwoThreads"),
                    score.get("unwovenTwoThreads")), "", true);
        }
        ratio("2 threads, Resilience4j / woven", "resilience4jTwoThreads", "wovenTwoThreads", "", 0);
        if (has("codeSelfHeal", "codeDirect")) {
            line("SelfHeal.call success path vs a direct call", String.format("+%.1f ns/op (%.1f vs %.1f ns)",
                    score.get("codeSelfHeal") - score.get("codeDirect"), score.get("codeSelfHeal"),
                    score.get("codeDirect")), "", true);
        }
        if (bytesPerOp.containsKey("codeSelfHeal")) {
            double b = bytesPerOp.get("codeSelfHeal");
            line("SelfHeal.call allocation (block built once)", String.format("%.1f B/op", b), "0 B/op", b < 0.5);
        }
        if (bytesPerOp.containsKey("codeSelfHealLambda")) {
            line("SelfHeal.call allocation (a capturing lambda per call)", String.format("%.1f B/op",
                    bytesPerOp.get("codeSelfHealLambda")), "the lambda's only", true);
        }
        ratio("Resilience4j Decorators / SelfHeal.call (issue 24)", "codeResilience4j", "codeSelfHeal", ">= 10x", 10);
        if (score.containsKey("wovenOpenCircuit")) {
            double ns = score.get("wovenOpenCircuit");
            line("open circuit with fallback, woven", String.format("%.1f ns/op", ns), "< 50 ns", ns < 50);
            Double b = bytesPerOp.get("wovenOpenCircuit");
            if (b != null) {
                line("open circuit with fallback, allocation", String.format("%.1f B/op", b), "0 B/op", b < 0.5);
            }
        }
        ratio("open circuit, Resilience4j / woven", "resilience4jOpenCircuit", "wovenOpenCircuit", "", 0);
        ratio("open circuit, Failsafe / woven", "failsafeOpenCircuit", "wovenOpenCircuit", "", 0);
        // Throughput: more is better, so the ratio is woven over the competitor.
        ratio("sustained failure calls/s, woven / Resilience4j", "wovenSustainedFailure",
                "resilience4jSustainedFailure", "", 0);
        ratio("sustained failure calls/s, woven / Failsafe", "wovenSustainedFailure", "failsafeSustainedFailure", "", 0);
    }

    private boolean has(String a, String b) {
        return score.containsKey(a) && score.containsKey(b);
    }

    private void ratio(String what, String numerator, String denominator, String goal, double atLeast) {
        if (has(numerator, denominator)) {
            double r = score.get(numerator) / score.get(denominator);
            line(what, String.format("%.1fx", r), goal, r >= atLeast);
        }
    }

    private void line(String what, String figure, String goal, boolean met) {
        out.printf("  %-50s %-30s %s%n", what, figure, goal.isEmpty() ? "" : "goal " + goal + ": " + (met ? "met" : "NOT MET"));
    }
}
