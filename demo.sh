#!/usr/bin/env bash
# Builds selfheal and runs the demo application twice: without the agent (orders fail) and with
# it (retries, fallbacks and a circuit breaker heal them), prints the healing log the agent wrote,
# and ends with a one-line summary. SELFHEAL_DEMO_SKIP_BUILD=1 skips the build (the tests use it).
set -euo pipefail
cd "$(dirname "$0")"
if [ "${SELFHEAL_DEMO_SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q package -DskipTests
fi
APP_CP=integration-tests/target/classes
AGENT=agent/target/selfheal-agent.jar
EVENTS=target/selfheal-demo-events.jsonl
mkdir -p target && rm -f "$EVENTS"

echo "=== 1. the demo WITHOUT the agent ==================================================="
java -cp "$APP_CP" io.selfheal.demo.DemoApp | tee target/demo-without-agent.txt

echo
echo "=== 2. the same demo WITH the agent (-javaagent:$AGENT=config=config-samples/demo.yaml) ==="
java -javaagent:"$AGENT"=config=config-samples/demo.yaml -cp "$APP_CP" io.selfheal.demo.DemoApp | tee target/demo-with-agent.txt

echo
echo "=== 3. the healing log ($EVENTS), readably =========================================="
java -jar "$AGENT" events "$EVENTS"

# The summary: the orders each run completed (its last line) and what the healing log holds.
count() { grep -c "$1" "$EVENTS" || true; }
echo
echo "summary: orders completed $(tail -n 1 target/demo-without-agent.txt | cut -d' ' -f1-3) without the agent," \
  "$(tail -n 1 target/demo-with-agent.txt | cut -d' ' -f1-3) with it; healing log:" \
  "$(count '"type":"retry"') retries," \
  "$(count '"fallback":"method ') fallback by method," \
  "$(count '"fallback":"value ') by value," \
  "circuit opened $(count '"type":"circuit-opened"') time(s)," \
  "$(count '"type":"config-problem"') config problems"
