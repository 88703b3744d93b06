#!/usr/bin/env bash
# Hot-patch timings for a one-class patch (issue 23): in the JVM, from the request to the classes
# redefined (the patch-applied event's tookMicros: the jar read, its signature and checks, the
# redefinition), and the command line end to end (java -jar selfheal-agent.jar patch PID JAR:
# a JVM start, the attach, the local JMX connection, the apply). Each round applies the patch
# and rolls it back, through the command line.
#
#   bash benchmarks/patch.sh [ROUNDS]      (default 15)
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bash benchmarks/patch.sh
#
# Needs agent/target/selfheal-agent.jar (mvn -B -q package -DskipTests) and the JDK's javac,
# jar, keytool and jarsigner next to $JAVA.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=${1:-15}
JAVA=${JAVA:-java}
BIN=$(dirname "$(readlink -f "$(command -v "$JAVA")")")
AGENT=$ROOT/agent/target/selfheal-agent.jar
[ -f "$AGENT" ] || { echo "build the agent first: mvn -B -q package -DskipTests" >&2; exit 1; }

WORK=$(mktemp -d /tmp/selfheal-patch.XXXXXX)
trap 'touch "$WORK/stop"; sleep 1; rm -rf "$WORK"' EXIT
SRC=$ROOT/benchmarks/src/main/java/io/selfheal/bench/patch
"$BIN/javac" -d "$WORK/app" "$SRC"/*.java
mkdir -p "$WORK/fix"
sed 's/"helo "/"hello "/' "$SRC/Greeter.java" > "$WORK/fix/Greeter.java"
"$BIN/javac" -cp "$WORK/app" -d "$WORK/fixed" "$WORK/fix/Greeter.java"
mkdir -p "$WORK/fixed/META-INF"
printf 'id: fix-greeting\ndescription: hello, not helo\n' > "$WORK/fixed/META-INF/selfheal-patch.yaml"
"$BIN/jar" --create --file "$WORK/fix.jar" -C "$WORK/fixed" .
"$BIN/keytool" -genkeypair -keystore "$WORK/ops.p12" -storepass signpass -alias ops -keyalg EC -dname CN=ops >/dev/null 2>&1
"$BIN/keytool" -exportcert -keystore "$WORK/ops.p12" -storepass signpass -alias ops -file "$WORK/ops.cer" >/dev/null 2>&1
"$BIN/keytool" -importcert -noprompt -keystore "$WORK/trust.p12" -storepass trustpass -alias ops -file "$WORK/ops.cer" >/dev/null 2>&1
"$BIN/jarsigner" -keystore "$WORK/ops.p12" -storepass signpass "$WORK/fix.jar" ops >/dev/null

cat > "$WORK/selfheal.yaml" <<YAML
events: { file: $WORK/events.jsonl }
hot-patch:
  truststore: { path: $WORK/trust.p12, password-env: BENCH_TRUST_PASSWORD }
targets:
  - class: io.selfheal.bench.patch.Greeter
    fallback: [ { value: "?" } ]
YAML

BENCH_TRUST_PASSWORD=trustpass "$JAVA" -javaagent:"$AGENT"=config="$WORK/selfheal.yaml" \
    -cp "$WORK/app" io.selfheal.bench.patch.PatchTarget "$WORK/stop" > "$WORK/app.out" 2> "$WORK/app.err" &
for _ in $(seq 1 100); do grep -q READY "$WORK/app.out" 2>/dev/null && break; sleep 0.1; done
PID=$(awk '/READY/ {print $2}' "$WORK/app.out")
[ -n "$PID" ] || { echo "the application did not start:"; cat "$WORK/app.err"; exit 1; }

ms() { echo $(( $(date +%s%N) / 1000000 )); }
: > "$WORK/cli.txt"
for i in $(seq 1 "$ROUNDS"); do
  t0=$(ms)
  "$JAVA" -jar "$AGENT" patch "$PID" "$WORK/fix.jar" > /dev/null
  t1=$(ms)
  "$JAVA" -jar "$AGENT" rollback "$PID" fix-greeting > /dev/null
  echo $((t1 - t0)) >> "$WORK/cli.txt"
done

median() { sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; print m}'; }
max() { sort -n | tail -1; }
grep '"type":"patch-applied"' "$WORK/events.jsonl" | sed 's/.*"tookMicros":\([0-9]*\).*/\1/' > "$WORK/jvm.txt"
echo "$("$JAVA" -version 2>&1 | head -1), $ROUNDS rounds (apply, then rollback), one class, signed jar"
echo "in the JVM, request to redefined classes (ms): first $(head -1 "$WORK/jvm.txt" | awk '{printf "%.2f", $1/1000}')," \
     "median of the rest $(tail -n +2 "$WORK/jvm.txt" | median | awk '{printf "%.2f", $1/1000}')," \
     "max $(max < "$WORK/jvm.txt" | awk '{printf "%.2f", $1/1000}')   (goal: under 50)"
echo "command line end to end, attach included (ms): first $(head -1 "$WORK/cli.txt")," \
     "median $(median < "$WORK/cli.txt"), max $(max < "$WORK/cli.txt")   (goal: under 1000)"
