#!/usr/bin/env bash
# Builds selfheal and runs the demo application twice: without the agent (orders fail) and with
# it (retries and fallbacks heal them), then prints the healing log the agent wrote.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q package -DskipTests
APP_CP=integration-tests/target/classes
AGENT=agent/target/selfheal-agent.jar
EVENTS=target/selfheal-demo-events.jsonl
mkdir -p target && rm -f "$EVENTS"

echo "=== 1. the demo WITHOUT the agent ==================================================="
java -cp "$APP_CP" io.selfheal.demo.DemoApp

echo
echo "=== 2. the same demo WITH the agent (-javaagent:$AGENT=config=config-samples/demo.yaml) ==="
java -javaagent:"$AGENT"=config=config-samples/demo.yaml -cp "$APP_CP" io.selfheal.demo.DemoApp

echo
echo "=== 3. the healing log ($EVENTS), readably =========================================="
java -jar "$AGENT" events "$EVENTS"
