#!/usr/bin/env bash
# The woven success path under this tree's agent and under another commit's, in interleaved JMH
# runs on the same machine (pairs, so that the drift of a shared machine hits both alike), then the
# median of each. Issue 19 used it to show that a target with no drill running pays nothing for
# the drill feature:  bash benchmarks/compare-agents.sh 307bfaf
# Needs this tree built with the benchmarks profile (mvn -B -q -Pbenchmarks package -DskipTests).
set -euo pipefail
ref=${1:?usage: compare-agents.sh GIT-REF [PAIRS]}
pairs=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
base="$root/benchmarks/target/baseline-$ref"
if [ ! -f "$base/agent/target/selfheal-agent.jar" ]; then
  rm -rf "$base" && mkdir -p "$base"
  git -C "$root" archive "$ref" | tar -x -C "$base"
  (cd "$base" && mvn -B -q package -DskipTests -pl agent -am)
fi
out="$root/benchmarks/target/compare-agents.txt"
: > "$out"
for i in $(seq "$pairs"); do
  for v in baseline this; do
    prop=""
    [ "$v" = baseline ] && prop="-Dselfheal.bench.agent=$base/agent/target/selfheal-agent.jar"
    java -Djmh.ignoreLock=true $prop -jar "$root/benchmarks/target/benchmarks.jar" \
        'CallPathBenchmark\.(unwoven|woven|wovenUnguarded)$' -f 1 -wi 3 -i 4 -w 1s -r 1s 2>&1 \
      | awk -v v="$v" '/^CallPathBenchmark\./ { sub("CallPathBenchmark.", "", $1); print v, $1, $4 }' | tee -a "$out"
  done
done
echo "medians (ns/op), $pairs runs each:"
for v in baseline this; do
  for b in unwoven woven wovenUnguarded; do
    printf '%-9s %-15s %s\n' "$v" "$b" "$(awk -v v="$v" -v b="$b" '$1 == v && $2 == b { print $3 }' "$out" | sort -n \
      | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }')"
  done
done
