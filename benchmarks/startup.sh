#!/usr/bin/env bash
# Start-up benchmark: whole-process timings of a hello-world main, without and with the agent.
#
#   bash benchmarks/startup.sh [RUNS]        (default 15 runs of each variant)
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bash benchmarks/startup.sh
#   TRACE=1 bash benchmarks/startup.sh       (also: where the agent's start-up time goes)
#   AGENT=/path/to/other/selfheal-agent.jar bash benchmarks/startup.sh   (compare another build)
#     (keep the file name selfheal-agent.jar: under another name the agent runs from the
#     application loader, as a renamed jar does in production, and starts slower)
#
# Variants, run round-robin so a burst of load on the machine hits all of them alike:
#   bare     java -cp APP HelloWorld
#   one      + -javaagent with a config of 20 targets; HelloWorld uses one method of one of them
#   nothing  + -javaagent with 20 targets naming nothing that loads
# Reported per variant: the median wall time (ms), the median CPU time (user+sys, ms; steadier
# than wall time on a busy machine), and the median peak RSS (MiB), then the cost of the agent
# over the bare JVM against the goals (+150 ms one method woven, +60 ms nothing woven, +25 MiB).
# Needs agent/target/selfheal-agent.jar (mvn -B -q package -DskipTests) and a JDK's javac.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${1:-15}
JAVA=${JAVA:-java}
JAVAC=${JAVAC:-$(dirname "$(command -v "$JAVA")")/javac}
[ -x "$JAVAC" ] || JAVAC=javac
AGENT=${AGENT:-$ROOT/agent/target/selfheal-agent.jar}
[ -f "$AGENT" ] || { echo "build the agent first: mvn -B -q package -DskipTests" >&2; exit 1; }

WORK=$(mktemp -d /tmp/selfheal-startup.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$JAVAC" -d "$WORK/app" "$ROOT"/benchmarks/src/main/java/io/selfheal/bench/startup/*.java

# 20 targets: exact class names and globs, as a real config would have. Only the first names a
# class that loads (Greeter, of which HelloWorld calls greet and not farewell).
other_targets() {
  local i
  for i in $(seq -w 2 16); do
    cat <<EOF
  - name: service-$i
    class: com.acme.service$i.RemoteClient$i
    methods: [ "fetch*", "store(java.lang.String,int)" ]
    retry: { max-attempts: 3, backoff: { initial: 50ms, max: 2s } }
    fallback: [ { empty: true } ]
EOF
  done
  cat <<'EOF'
  - name: all-clients
    class: com.acme.**.*Client
    retry: { max-attempts: 2, on: [ java.io.IOException ] }
  - name: all-repositories
    class: org.example.*.repo.*Repository
    methods: [ "find*", "save*" ]
    fallback: [ { value: [] } ]
  - name: gateways
    class: net.example.gateway.**
    retry: { max-attempts: 4 }
  - name: dao
    class: org.example.legacy.Dao?
    fallback: [ { empty: true } ]
EOF
}
{
  echo "events: { file: $WORK/events-one.jsonl }"
  echo "targets:"
  cat <<'EOF'
  - name: greeter
    class: io.selfheal.bench.startup.Greeter
    methods: [ greet ]
    retry: { max-attempts: 3, backoff: { initial: 10ms } }
    fallback: [ { value: "hello, fallback" } ]
EOF
  other_targets
} > "$WORK/one.yaml"
{
  echo "events: { file: $WORK/events-nothing.jsonl }"
  echo "targets:"
  cat <<'EOF'
  - name: billing
    class: com.acme.billing.InvoiceClient
    methods: [ send ]
    retry: { max-attempts: 3, backoff: { initial: 10ms } }
    fallback: [ { value: "none" } ]
EOF
  other_targets
} > "$WORK/nothing.yaml"

variant_args() {
  case $1 in
    bare) ;;
    one) echo "-javaagent:$AGENT=config=$WORK/one.yaml" ;;
    nothing) echo "-javaagent:$AGENT=config=$WORK/nothing.yaml" ;;
  esac
}

run_once() {  # variant -> appends "wall_ms cpu_ms rss_kib" to $WORK/$variant.txt
  local v=$1 start end
  # shellcheck disable=SC2046
  start=$(date +%s%N)
  /usr/bin/time -f "%U %S %M" -o "$WORK/time.txt" "$JAVA" $(variant_args "$v") \
      -cp "$WORK/app" io.selfheal.bench.startup.HelloWorld > "$WORK/out.txt" 2> "$WORK/err.txt"
  end=$(date +%s%N)
  grep -q '^hello, world$' "$WORK/out.txt" || { echo "variant $v did not print its greeting:" >&2; cat "$WORK/out.txt" "$WORK/err.txt" >&2; exit 1; }
  read -r user sys rss < "$WORK/time.txt"
  echo "$(( (end - start) / 1000000 )) $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }') $rss" >> "$WORK/$v.txt"
}

if [ ! -x /usr/bin/time ]; then
  echo "/usr/bin/time is needed for CPU time and peak RSS (apt-get install time)" >&2
  exit 1
fi

VARIANTS="bare one nothing"
for v in $VARIANTS; do run_once "$v"; : > "$WORK/$v.txt"; done   # warm the page cache once
for _ in $(seq "$RUNS"); do
  for v in $VARIANTS; do run_once "$v"; done
done

# Checks that weaving happened in 'one' and not in 'nothing'.
grep -q '"type":"target-woven"' "$WORK/events-one.jsonl" || { echo "the agent did not weave Greeter" >&2; exit 1; }
! grep -q '"type":"target-woven"' "$WORK/events-nothing.jsonl" 2>/dev/null || { echo "the nothing-config wove something" >&2; exit 1; }

median() {  # column -> median of that column in stdin
  awk -v c="$1" '{ print $c }' | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}
declare -A WALL CPU RSS
for v in $VARIANTS; do
  WALL[$v]=$(median 1 < "$WORK/$v.txt")
  CPU[$v]=$(median 2 < "$WORK/$v.txt")
  RSS[$v]=$(median 3 < "$WORK/$v.txt")
done

echo "start-up of a hello-world main, $RUNS runs each, medians; $("$JAVA" -version 2>&1 | sed -n 1p); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-40s %9s %9s %9s\n' variant "wall ms" "cpu ms" "RSS MiB"
for v in $VARIANTS; do
  case $v in
    bare) label="no agent" ;;
    one) label="agent, 20 targets, 1 method woven" ;;
    nothing) label="agent, 20 targets, nothing woven" ;;
  esac
  printf '%-40s %9d %9d %9.1f\n' "$label" "${WALL[$v]}" "${CPU[$v]}" "$(awk -v k="${RSS[$v]}" 'BEGIN { print k / 1024 }')"
done
verdict() { [ "$1" -le "$2" ] && echo "ok" || echo "OVER"; }
d_one=$(( WALL[one] - WALL[bare] )); d_none=$(( WALL[nothing] - WALL[bare] ))
d_rss=$(( (RSS[one] - RSS[bare]) / 1024 ))
echo
echo "agent cost over the bare JVM (wall):"
echo "  one method woven:  +$d_one ms (x$(awk -v a="${WALL[one]}" -v b="${WALL[bare]}" 'BEGIN { printf "%.2f", a / b }'))   goal <= +150 ms: $(verdict $d_one 150)"
echo "  nothing woven:     +$d_none ms (x$(awk -v a="${WALL[nothing]}" -v b="${WALL[bare]}" 'BEGIN { printf "%.2f", a / b }'))   goal <= +60 ms: $(verdict $d_none 60)"
echo "  peak RSS:          +$d_rss MiB   goal <= +25 MiB: $(verdict $d_rss 25)"
echo "agent cost over the bare JVM (cpu): one method woven +$(( CPU[one] - CPU[bare] )) ms, nothing woven +$(( CPU[nothing] - CPU[bare] )) ms"

if [ "${TRACE:-}" = 1 ]; then
  echo
  echo "where the agent's start-up goes (one run, -Dselfheal.debug.startup=true):"
  "$JAVA" -Dselfheal.debug.startup=true "-javaagent:$AGENT=config=$WORK/one.yaml" -cp "$WORK/app" \
      io.selfheal.bench.startup.HelloWorld 2>&1 >/dev/null | grep 'start-up' || true
  for v in $VARIANTS; do
    # shellcheck disable=SC2046
    "$JAVA" $(variant_args "$v") "-Xlog:class+load:file=$WORK/classes-$v.log" -cp "$WORK/app" \
        io.selfheal.bench.startup.HelloWorld > /dev/null 2>&1
    echo "classes loaded, $v: $(wc -l < "$WORK/classes-$v.log") ($(grep -c 'shared objects file' "$WORK/classes-$v.log") from the CDS archive)"
  done
fi
