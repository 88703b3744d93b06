#!/usr/bin/env bash
# Builds the agent and the benchmarks, runs every JMH benchmark with -prof gc under the agent
# (the figures and the ratios of benchmarks/README.md), then the start-up benchmark.
#
#   bash benchmarks/run.sh                               # the README's figures (about 5 minutes)
#   bash benchmarks/run.sh -wi 1 -i 2 -f 1 -r 1s -w 1s   # short, while developing
#   bash benchmarks/run.sh CallPath                      # one class (any JMH option or regexp)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbenchmarks package -DskipTests
java -jar benchmarks/target/benchmarks.jar -prof gc -rf json -rff benchmarks/target/jmh-result.json "$@"
bash benchmarks/startup.sh
