#!/usr/bin/env bash
# Issue 21's comparison of concurrency limits (benchmarks/README.md, "Adaptive concurrency limit"):
#   bash benchmarks/limit.sh [seconds per guard, default 60] [drift seconds, default 600]
# Builds the agent and the benchmarks (unless NO_BUILD=1), then runs AdaptiveLimitDriver under
# the agent with selfheal-limit-bench.yaml.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ "${NO_BUILD:-}" != 1 ]]; then
  (cd "$root" && mvn -B -q -Pbenchmarks package -DskipTests)
fi
java -javaagent:"$root/agent/target/selfheal-agent.jar=config=$root/benchmarks/src/main/resources/selfheal-limit-bench.yaml" \
  -cp "$root/benchmarks/target/benchmarks.jar" io.selfheal.bench.limit.AdaptiveLimitDriver "$@"
