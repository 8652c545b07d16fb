#!/usr/bin/env bash
# Two socket-server jars side by side: same box, same loader, same publisher-service.
# Runs bench/run.sh (Warren only, one run each) ROUNDS times per jar, alternating
# before, after, after, before, … so that a box that drifts during the hour weighs on
# both alike, and prints the median of each scenario's figure per jar.
#
# Usage: BEFORE_JAR=old-socket-server.jar [AFTER_JAR=…] [ROUNDS=2] bench/compare.sh scenario...
#   BEFORE_JAR   the baseline, e.g. built from an earlier commit:
#                git worktree add /tmp/before <commit> && (cd /tmp/before && ./mvnw -q -DskipTests package)
#   AFTER_JAR    default: socket-server/target's jar (built first unless SKIP_BUILD=1)
#   ROUNDS=2     invocations of bench/run.sh per jar
#   OUT=bench/results/compare-<UTC timestamp>
# Anything else bench/run.sh reads (WARREN_PROTOCOL, FANOUT_RATES_WARREN, IDLE_CLIENTS, …)
# applies to every invocation.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -n ${OUT:-} && $OUT != /* ]]; then OUT=$PWD/$OUT; fi
OUT=${OUT:-$ROOT/bench/results/compare-$(date -u +%Y%m%dT%H%M%SZ)}
ROUNDS=${ROUNDS:-2}
: "${BEFORE_JAR:?set BEFORE_JAR to the baseline socket-server jar}"
AFTER_JAR=${AFTER_JAR:-$ROOT/socket-server/target/socket-server-0.1.0-SNAPSHOT-exec.jar}
(($# > 0)) || set -- fanout idle

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
	(cd "$ROOT" && ./mvnw -q -B -DskipTests package)
fi
for jar in "$BEFORE_JAR" "$AFTER_JAR"; do [[ -f $jar ]] || { echo "missing $jar" >&2; exit 1; }; done
mkdir -p "$OUT"

order=()
for ((k = 1; k <= ROUNDS; k++)); do
	if ((k % 2)); then order+=(before after); else order+=(after before); fi
done
declare -A seen=([before]=0 [after]=0)
for label in "${order[@]}"; do
	seen[$label]=$((seen[$label] + 1))
	jar=$BEFORE_JAR; [[ $label == after ]] && jar=$AFTER_JAR
	echo "$(date -u +%H:%M:%S) $label, round ${seen[$label]}: $jar"
	SOCKET_JAR=$jar PEER=0 RUNS=1 SKIP_BUILD=1 OUT="$OUT/$label-${seen[$label]}" "$ROOT/bench/run.sh" "$@" \
		>"$OUT/$label-${seen[$label]}.log" 2>&1 || echo "  bench/run.sh failed: see $OUT/$label-${seen[$label]}.log"
done

# runs.tsv: scenario target variant run metric …; the metric is what bench/run.sh's
# summary takes the median of (delivered msg/s, connections per GiB, p99 ms).
{
	echo "| scenario | variant | before (median) | after (median) | after / before | before, each round | after, each round |"
	echo "|---|---|---:|---:|---:|---|---|"
	cat "$OUT"/*/runs.tsv 2>/dev/null | awk -F'\t' '$2 == "warren" { print $1 "\t" $3 }' | sort -u |
		while IFS=$'\t' read -r scenario variant; do
			for label in before after; do
				vals=$(for f in "$OUT"/$label-*/runs.tsv; do
					awk -F'\t' -v s="$scenario" -v v="$variant" '$1 == s && $3 == v && $2 == "warren" { print $5 }' "$f"
				done | paste -sd' ')
				med=$(tr ' ' '\n' <<<"$vals" | grep -E '^[0-9.]+$' | sort -g |
					awk '{ a[NR] = $1 } END { if (NR == 0) print "NA"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
				printf -v "med_$label" '%s' "$med"
				printf -v "vals_$label" '%s' "$vals"
			done
			ratio=$(awk -v a="$med_after" -v b="$med_before" 'BEGIN { if (b + 0 > 0 && a != "NA") printf "%.3f", a / b; else print "NA" }')
			echo "| $scenario | $variant | $med_before | $med_after | $ratio | $vals_before | $vals_after |"
		done
	echo
	echo "Node A's CPU per delivered message (µs; serverCpu.cpuMicrosPerMessage of every clean fanout step, median per rate):"
	echo
	python3 - "$OUT" <<'PY'
import glob, json, os, statistics, sys
out = sys.argv[1]
values = {}
for label in ("before", "after"):
    for path in glob.glob(os.path.join(out, label + "-*", "raw", "fanout-warren-*-rate*.json")):
        with open(path) as f:
            result = json.load(f)
        cpu = (result.get("serverCpu") or {}).get("cpuMicrosPerMessage")
        if not result.get("clean") or not cpu:
            continue
        rate = int(path.rsplit("-rate", 1)[1].split(".")[0])
        values.setdefault(rate, {}).setdefault(label, []).append(cpu)
print("| rate (msg/s in) | before µs/msg (median, n) | after µs/msg (median, n) | after / before |")
print("|---:|---:|---:|---:|")
for rate in sorted(values):
    b, a = values[rate].get("before", []), values[rate].get("after", [])
    mb = statistics.median(b) if b else None
    ma = statistics.median(a) if a else None
    ratio = "%.3f" % (ma / mb) if mb and ma else "NA"
    fmt = lambda m, v: ("%.2f (%d)" % (m, len(v))) if m is not None else "NA"
    print("| %d | %s | %s | %s |" % (rate, fmt(mb, b), fmt(ma, a), ratio))
PY
} | tee "$OUT/compare.md"
