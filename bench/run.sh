#!/usr/bin/env bash
# Warren vs. RabbitMQ Web-STOMP benchmark.
#
# Usage: bench/run.sh [scenario...]
#   scenarios: fanout fanout2 direct idle latency ingest broadcast   (default: all, in that order)
#
# Environment:
#   RUNS=3             repeat every scenario this often; the summary reports the median
#   OUT=bench/results/<UTC timestamp>   where raw JSON, logs and summary.md go
#   QUICK=1            tiny sizes (20 clients, 2 s, 1 run, 2 rate steps) to check the script
#   SKIP_BUILD=1       use the jars already in */target
#   IDLE_CLIENTS=15000 connections held by the idle scenario (QUICK: 50)
#   IDLE_PREWARM_CLIENTS=2000 connections opened and closed before the idle baseline is read
#   PUBLISHER_PORT=8080 NODE_A_PORT=8081 NODE_B_PORT=8082
#   PEER=0             measure Warren only (Web-STOMP's steps are skipped; its columns stay
#                      empty): for trying a change, not for figures to publish
#   WARREN_EDGE=1      the loader connects to the nodes' Netty edge, the way in clients use
#                      by default (warren.socket.edge.*, ports NODE_A_EDGE_PORT=8091,
#                      NODE_B_EDGE_PORT=8092); WARREN_EDGE=0 switches the edge off and measures
#                      the servlet container's /ws instead
#   WARREN_JWT_SECRET  token secret shared by the services and the loader (default: random)
#   WARREN_ADMIN_TOKEN publisher-service's admin token, for the loader's /v1/create-rabbit-ch (default: random)
#   FANOUT_RATES_WARREN, FANOUT_RATES_WEBSTOMP, FANOUT2_RATES_WARREN, FANOUT2_RATES_WEBSTOMP,
#   DIRECT_RATES (DIRECT_RATES_WARREN, DIRECT_RATES_WEBSTOMP: one target's own, default
#                      DIRECT_RATES), INGEST_RATES, BROADCAST_RATES_WARREN, BROADCAST_RATES_WEBSTOMP
#                      rate ladders (messages published per second)
#   P99_LIMIT_MS=100   a step whose p99 is above this ends the stepping
#   LATENCY_RATE_WARREN, LATENCY_RATE_WEBSTOMP   the latency scenario's in-rate (default: half
#                      the median best fan-out rate of this run, probed if fanout did not run);
#                      LATENCY_RATE_WARREN=150 measures at the target's 75,000 msg/s
#   BENCH_VHOST=warren-bench   RabbitMQ vhost for Warren (created if missing, deleted again
#                      if this script created it); Web-STOMP always uses "/"
#   LOADER_JAVA_OPTS   extra JVM options for the load tool
#   LOADER_ARGS        extra options for every load step, Warren's and Web-STOMP's alike,
#                      e.g. LOADER_ARGS="--io-threads 2"
#   NODE_JAVA_OPTS     extra JVM options for the socket nodes, after the image's own
#                      (-XX:MaxNewSize=64m, which a later -XX:MaxNewSize overrides); %n becomes
#                      the node's name, e.g.
#                      NODE_JAVA_OPTS='-XX:StartFlightRecording=filename=%n.jfr,settings=profile'
#                      (the recording lands in $OUT/run when the node stops)
#   PUBLISHER_JAVA_OPTS   extra JVM options for publisher-service (%n as above)
#   SOCKET_JAR         the socket nodes' jar (default: socket-server/target's), e.g. one
#                      built from an earlier commit; bench/compare.sh uses it
#   PUBLISHER_JAR      publisher-service's jar (default: publisher-service/target's), likewise
#   WARREN_PROTOCOL=stomp   what Warren's loader clients speak: stomp, or json (Warren's
#                      plain-JSON protocol at the edge's /ws/json; needs WARREN_EDGE=1)
#
# Every step's JSON lands in $OUT/raw/<scenario>-<target>-<variant>-run<k>-rate<r>.json,
# every step is listed in $OUT/steps.tsv, every run's best in $OUT/runs.tsv, and the
# medians in $OUT/summary.md (printed at the end).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# OUT, when given, is relative to where the script was called from; the default is in the repo.
if [[ -n ${OUT:-} && $OUT != /* ]]; then OUT=$PWD/$OUT; fi
cd "$ROOT"

# ---------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------
ALL_SCENARIOS=(fanout fanout2 direct idle latency ingest broadcast)
QUICK=${QUICK:-0}
RUNS=${RUNS:-3}
OUT=${OUT:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
PUBLISHER_PORT=${PUBLISHER_PORT:-8080}
NODE_A_PORT=${NODE_A_PORT:-8081}
NODE_B_PORT=${NODE_B_PORT:-8082}
WARREN_EDGE=${WARREN_EDGE:-1}
PEER=${PEER:-1}
NODE_A_EDGE_PORT=${NODE_A_EDGE_PORT:-8091}
NODE_B_EDGE_PORT=${NODE_B_EDGE_PORT:-8092}
WEBSTOMP_URL=${WEBSTOMP_URL:-ws://127.0.0.1:15674/ws}
# Warren gets a virtual host of its own, so another Warren on the same broker (its
# publisher-service also consuming warren.ingest) can neither take nor reorder our messages.
# Web-STOMP stays on "/", its default vhost. BENCH_VHOST=/ puts Warren there too.
BENCH_VHOST=${BENCH_VHOST:-warren-bench}
P99_LIMIT_MS=${P99_LIMIT_MS:-100}
INGEST_MIN_SHARE=0.95          # ingest keeps up only if it delivers >= 95 % of the in-rate
STEP_PAUSE=2                   # seconds between steps: let sockets close and queues go away
HEALTH_TIMEOUT=120
LOADER_JAVA_OPTS=${LOADER_JAVA_OPTS:-}
LOADER_ARGS=${LOADER_ARGS:-}
NODE_JAVA_OPTS=${NODE_JAVA_OPTS:-}
PUBLISHER_JAVA_OPTS=${PUBLISHER_JAVA_OPTS:-}
# The socket node's JVM options as its image, ./warren and the chart set them.
NODE_DEFAULT_JAVA_OPTS=(-XX:MaxNewSize=64m)

# Rate ladders. Fan-out delivers rate x clients, so Warren's and Web-STOMP's ladders differ
# by an order of magnitude; each target stops at its own first bad step.
FANOUT_RATES_WARREN=${FANOUT_RATES_WARREN:-100 120 150 180 200 250 300 360 400 500 600 800 1000 1200 1500 2000}
FANOUT_RATES_WEBSTOMP=${FANOUT_RATES_WEBSTOMP:-10 20 30 40 60 80 100 150 200 300 400 600 800}
# 1000 clients: every step delivers twice what the same fanout step does, so start lower.
FANOUT2_RATES_WARREN=${FANOUT2_RATES_WARREN:-50 100 200 300 400 500 600 800 1000 1200 1500 2000}
FANOUT2_RATES_WEBSTOMP=${FANOUT2_RATES_WEBSTOMP:-5 10 20 30 40 60 80 100 150 200 300 400}
DIRECT_RATES=${DIRECT_RATES:-1000 2000 5000 10000 20000 30000 40000 50000 75000 100000}
DIRECT_RATES_WARREN=${DIRECT_RATES_WARREN:-$DIRECT_RATES}
DIRECT_RATES_WEBSTOMP=${DIRECT_RATES_WEBSTOMP:-$DIRECT_RATES}
INGEST_RATES=${INGEST_RATES:-5000 10000 20000 30000 40000 50000 60000 80000 100000 120000}
# Broadcast reaches every one of the direct scenario's clients: delivered = rate x 5000.
BROADCAST_RATES_WARREN=${BROADCAST_RATES_WARREN:-5 10 15 20 25 30 40 50 60 80 100}
BROADCAST_RATES_WEBSTOMP=${BROADCAST_RATES_WEBSTOMP:-1 2 3 4 6 8 10 15 20}

if [[ $QUICK == 1 ]]; then
	# Only to check that the script works: small enough to keep the machine quiet.
	RUNS=1
	WARMUP=1 DURATION=2 LATENCY_DURATION=2 IDLE_DURATION=2 IDLE_SETTLE=2
	FANOUT_CLIENTS=20 FANOUT2_CLIENTS=20 DIRECT_CLIENTS=20
	IDLE_CLIENTS=${IDLE_CLIENTS:-50} IDLE_PREWARM_CLIENTS=10
	MAX_STEPS=2
else
	WARMUP=5 DURATION=15 LATENCY_DURATION=30 IDLE_DURATION=20 IDLE_SETTLE=10
	FANOUT_CLIENTS=500 FANOUT2_CLIENTS=1000 DIRECT_CLIENTS=5000
	IDLE_CLIENTS=${IDLE_CLIENTS:-15000}
	# A fresh node's G1 heap is still at its start-up size; a connection storm makes G1
	# expand it, which moves eden onto pages never touched before (~30-60 MB of RSS at once).
	# 2,000 pre-warm connections cause that expansion before the baseline is read, so the
	# figure is the connections' cost, not the luck of when G1 grew (docs/benchmarks.md).
	IDLE_PREWARM_CLIENTS=${IDLE_PREWARM_CLIENTS:-2000}
	MAX_STEPS=0                # 0: climb the whole ladder
fi
# One source address has ~28k ephemeral ports; two leave room for TIME_WAIT between runs.
IDLE_LOCAL_ADDRESSES=${IDLE_LOCAL_ADDRESSES:-127.0.0.1 127.0.0.2}

PUBLISHER_JAR=${PUBLISHER_JAR:-$ROOT/publisher-service/target/publisher-service-0.1.0-SNAPSHOT-exec.jar}
SOCKET_JAR=${SOCKET_JAR:-$ROOT/socket-server/target/socket-server-0.1.0-SNAPSHOT-exec.jar}
WARREN_PROTOCOL=${WARREN_PROTOCOL:-stomp}
LOADER_JAR=$ROOT/test-sub-client/target/test-sub-client-0.1.0-SNAPSHOT-exec.jar

# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
warn() { printf '%s WARNING: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; NOTES+=("$*"); }
die() { printf '%s ERROR: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; exit 1; }

# Newest JDK 25 under /usr/lib/jvm (sort -V picks 25.0.10 over 25.0.9), else java on PATH.
pick_java() {
	local dir
	dir=$(printf '%s\n' /usr/lib/jvm/*25* | sort -V | tail -n 1)
	if [[ -x $dir/bin/java ]]; then echo "$dir/bin/java"; else command -v java; fi
}

# Numeric helpers in awk: bash has no floating point.
num_gt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 > b + 0) }'; }
is_num() { [[ $1 =~ ^-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$ ]]; }
fmt() { # fmt VALUE DECIMALS: NA stays NA
	if is_num "$1"; then awk -v v="$1" -v d="$2" 'BEGIN { printf "%.*f", d, v }'; else echo "NA"; fi
}
median() { # numbers on stdin, one a line
	sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "NA"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# grep without -q: under pipefail, grep -q quitting early can fail the pipeline with SIGPIPE.
port_busy() { ss -ltnH "sport = :$1" | grep . >/dev/null; }

# json_fields FILE PATH... prints the values tab-separated, NA for missing or null.
JSON_TOOL=
json_fields() {
	local file=$1; shift
	if [[ ! -s $file ]]; then
		local _p out=()
		for _p in "$@"; do out+=(NA); done
		(IFS=$'\t'; echo "${out[*]}")
		return
	fi
	if [[ $JSON_TOOL == jq ]]; then
		local filter="" p
		# not `// "NA"`: that would turn `false` into NA too
		for p in "$@"; do filter+="${filter:+, }(.${p} | if . == null then \"NA\" else tostring end)"; done
		jq -r "[${filter}] | @tsv" "$file"
	else
		python3 - "$file" "$@" <<-'PY'
			import json, sys
			doc = json.load(open(sys.argv[1]))
			out = []
			for path in sys.argv[2:]:
			    v = doc
			    for key in path.split('.'):
			        v = v.get(key) if isinstance(v, dict) else None
			    out.append('NA' if v is None else (str(v).lower() if isinstance(v, bool) else str(v)))
			print('\t'.join(out))
		PY
	fi
}

ensure_json_tool() {
	if ! command -v jq >/dev/null && command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
		log "jq missing: installing it"
		{ apt-get update -qq && apt-get install -y -qq jq; } >/dev/null 2>&1 || true
	fi
	if command -v jq >/dev/null; then JSON_TOOL=jq
	elif command -v python3 >/dev/null; then JSON_TOOL=python3
	else die "need jq or python3 to read the load tool's JSON"; fi
}

# ---------------------------------------------------------------------------
# Process bookkeeping: everything started here is stopped on exit, whatever the reason.
# ---------------------------------------------------------------------------
declare -A SERVICE_PID=()     # name -> pid
declare -A SERVICE_PORT=()    # name -> port
LOADER_PID=
NOTES=()
SUMMARY_WRITTEN=0

cleanup() {
	local rc=$?
	set +e
	trap - EXIT INT TERM
	if [[ -n $LOADER_PID ]]; then
		kill -TERM "$LOADER_PID" 2>/dev/null
		wait "$LOADER_PID" 2>/dev/null
	fi
	local name pid i
	for name in "${!SERVICE_PID[@]}"; do
		pid=${SERVICE_PID[$name]}
		kill -0 "$pid" 2>/dev/null && log "stopping $name (pid $pid)" && kill -TERM "$pid" 2>/dev/null
	done
	# Spring shuts down gracefully on TERM; give it 30 s, then KILL.
	for name in "${!SERVICE_PID[@]}"; do
		pid=${SERVICE_PID[$name]}
		for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
		if kill -0 "$pid" 2>/dev/null; then
			log "$name (pid $pid) did not stop: KILL"
			kill -KILL "$pid" 2>/dev/null
		fi
		wait "$pid" 2>/dev/null
	done
	if [[ $CREATED_VHOST == 1 ]]; then
		log "deleting RabbitMQ vhost $BENCH_VHOST"
		rabbitmqctl -q delete_vhost "$BENCH_VHOST" >/dev/null 2>&1
	fi
	# A run that died half-way still leaves a summary of what it measured.
	if [[ $SUMMARY_WRITTEN == 0 && -s ${RUNS_TSV:-/nonexistent} ]]; then
		write_summary >/dev/null 2>&1 && log "partial summary: $OUT/summary.md"
	fi
	exit "$rc"
}

# ---------------------------------------------------------------------------
# Build, broker and services
# ---------------------------------------------------------------------------
build() {
	if [[ ${SKIP_BUILD:-0} == 1 ]]; then
		log "SKIP_BUILD=1: using the jars in */target"
	else
		log "building publisher-service, socket-server, test-sub-client"
		./mvnw -q -B -DskipTests -pl publisher-service,socket-server,test-sub-client -am package
	fi
	local jar
	for jar in "$PUBLISHER_JAR" "$SOCKET_JAR" "$LOADER_JAR"; do
		[[ -f $jar ]] || die "missing $jar (build it, or drop SKIP_BUILD)"
	done
}

beam_pid() { pgrep -o -f 'beam\.smp.*rabbit' || true; }

broker_fd_limit() {
	local pid limit=""
	pid=$(beam_pid)
	if [[ -n $pid && -r /proc/$pid/limits ]]; then
		limit=$(awk '/^Max open files/ { print $4 }' "/proc/$pid/limits")
	fi
	if [[ -z $limit ]]; then # "File Descriptors ... Total: 5, limit: 19903"
		limit=$(rabbitmqctl -q status 2>/dev/null | sed -n 's/.*Total: [0-9]*, limit: \([0-9]*\).*/\1/p' | head -n 1)
	fi
	echo "${limit:-0}"
}

# As root, rabbitmq-server -detached goes through `su rabbitmq`, which resets the open-files
# limit to 1024: ~1000 Web-STOMP connections then break the broker. Start it ourselves with
# a raised limit instead.
start_broker() {
	[[ $(id -u) == 0 ]] || die "RabbitMQ needs (re)starting with a higher open-files limit; run as root"
	(cd /var/lib/rabbitmq && su rabbitmq -s /bin/sh -c "ulimit -n 20000; /usr/lib/rabbitmq/bin/rabbitmq-server -detached")
	# await_startup fails at once while the new node has not registered with epmd yet.
	local i
	for ((i = 0; i < 60; i++)); do
		rabbitmqctl -q await_startup >/dev/null 2>&1 && return
		sleep 1
	done
	die "RabbitMQ did not start within 60 s"
}

ensure_rabbitmq() {
	command -v rabbitmqctl >/dev/null || die "rabbitmqctl not found: RabbitMQ must be installed locally"
	if ! rabbitmqctl -q status >/dev/null 2>&1; then
		log "RabbitMQ is not running: starting it"
		start_broker
	fi
	local limit
	limit=$(broker_fd_limit)
	if ((limit < 10000)); then
		log "RabbitMQ's open-files limit is $limit (< 10000): restarting it with 20000"
		rabbitmqctl -q stop || true
		start_broker
		limit=$(broker_fd_limit)
		((limit >= 10000)) || die "RabbitMQ still has an open-files limit of $limit"
	fi
	if ! port_busy 15674; then
		log "enabling rabbitmq_web_stomp and rabbitmq_management"
		rabbitmq-plugins -q enable rabbitmq_web_stomp rabbitmq_management >/dev/null
		local i
		for ((i = 0; i < 30; i++)); do port_busy 15674 && break; sleep 1; done
		port_busy 15674 || die "Web-STOMP is not listening on 15674 after enabling the plugin"
	fi
	log "RabbitMQ up: Web-STOMP on 15674, open-files limit $limit, beam pid $(beam_pid)"
	ensure_vhost
	# Another publisher-service consuming warren.ingest would take a share of the messages
	# (and reorder them): the figures would not be ours alone.
	local consumers
	consumers=$(rabbitmqctl -q list_queues -p "$BENCH_VHOST" name consumers 2>/dev/null | awk '$1 == "warren.ingest" { print $2 }')
	if [[ -n $consumers && $consumers != 0 ]]; then
		warn "warren.ingest in vhost $BENCH_VHOST already has $consumers consumer(s) before this run started its publisher-service: they share the ingest load (Warren figures may be skewed, messages reordered)"
	fi
}

CREATED_VHOST=0
ensure_vhost() {
	if [[ $BENCH_VHOST != / ]] && ! rabbitmqctl -q list_vhosts name 2>/dev/null | grep -xF "$BENCH_VHOST" >/dev/null; then
		log "creating RabbitMQ vhost $BENCH_VHOST for Warren"
		rabbitmqctl -q add_vhost "$BENCH_VHOST" >/dev/null
		CREATED_VHOST=1
	fi
	rabbitmqctl -q set_permissions -p "$BENCH_VHOST" guest '.*' '.*' '.*' >/dev/null
	# URL-encode the vhost for the loader's AMQP URI ("/" is %2F).
	# shellcheck disable=SC2016  # $v is jq's variable, not the shell's
	WARREN_AMQP_URI=amqp://guest:guest@127.0.0.1:5672/$(jq -rn --arg v "$BENCH_VHOST" '$v | @uri' 2>/dev/null \
		|| python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$BENCH_VHOST")
}

check_ports() {
	local port busy=()
	for port in "$@"; do port_busy "$port" && busy+=("$port"); done
	((${#busy[@]} == 0)) && return
	ss -ltnpH | grep -E ":($(IFS='|'; echo "${busy[*]}"))\b" >&2 || true
	die "port(s) ${busy[*]} already in use; stop what listens there or set PUBLISHER_PORT / NODE_A_PORT / NODE_B_PORT"
}

# start_service NAME PORT HEAP JAR ENV...: JVM in the background, log in $OUT/logs/NAME.log
start_service() {
	local name=$1 port=$2 heap=$3 jar=$4; shift 4
	local -a extra=()
	[[ $name == node-* ]] && extra=("${NODE_DEFAULT_JAVA_OPTS[@]}")
	# shellcheck disable=SC2206  # NODE_JAVA_OPTS is a list of options
	[[ $name == node-* && -n $NODE_JAVA_OPTS ]] && extra+=(${NODE_JAVA_OPTS//%n/$name})
	# shellcheck disable=SC2206  # PUBLISHER_JAVA_OPTS is a list of options
	[[ $name == publisher && -n $PUBLISHER_JAVA_OPTS ]] && extra+=(${PUBLISHER_JAVA_OPTS//%n/$name})
	log "starting $name on port $port"
	# cwd is the output dir so nothing (H2 files etc.) lands in the source tree.
	(cd "$OUT/run" && exec env "$@" "$JAVA" "-Xmx$heap" -XX:+UseG1GC "${extra[@]}" -jar "$jar" "--server.port=$port") \
		>>"$OUT/logs/$name.log" 2>&1 &
	SERVICE_PID[$name]=$!
	SERVICE_PORT[$name]=$port
}

wait_healthy() {
	local name=$1 pid=${SERVICE_PID[$1]} port=${SERVICE_PORT[$1]}
	local deadline=$((SECONDS + HEALTH_TIMEOUT))
	until curl -fsS --max-time 2 "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep '"status":"UP"' >/dev/null; do
		if ! kill -0 "$pid" 2>/dev/null; then
			tail -n 40 "$OUT/logs/$name.log" >&2
			die "$name (pid $pid) exited before it was healthy; log: $OUT/logs/$name.log"
		fi
		if ((SECONDS >= deadline)); then
			tail -n 40 "$OUT/logs/$name.log" >&2
			die "$name not healthy on port $port after ${HEALTH_TIMEOUT}s; log: $OUT/logs/$name.log"
		fi
		sleep 1
	done
	log "$name healthy (pid $pid, port $port)"
}

SERVICE_ENV=()
start_publisher() {
	start_service publisher "$PUBLISHER_PORT" 512m "$PUBLISHER_JAR" "${SERVICE_ENV[@]}" \
		SPRING_DATASOURCE_URL=jdbc:mariadb://127.0.0.1:3306/test SPRING_DATASOURCE_USERNAME=root
}
start_node() { # start_node a|b
	local -a edge=(WARREN_SOCKET_EDGE_ENABLED=false)
	if [[ $1 == a ]]; then
		[[ $WARREN_EDGE == 1 ]] && edge=(WARREN_SOCKET_EDGE_ENABLED=true "WARREN_SOCKET_EDGE_PORT=$NODE_A_EDGE_PORT")
		start_service node-a "$NODE_A_PORT" 1g "$SOCKET_JAR" "${SERVICE_ENV[@]}" "${edge[@]}"
	else
		[[ $WARREN_EDGE == 1 ]] && edge=(WARREN_SOCKET_EDGE_ENABLED=true "WARREN_SOCKET_EDGE_PORT=$NODE_B_EDGE_PORT")
		start_service node-b "$NODE_B_PORT" 1g "$SOCKET_JAR" "${SERVICE_ENV[@]}" "${edge[@]}"
	fi
}

start_by_name() {
	case $1 in
		publisher) start_publisher ;;
		node-a) start_node a ;;
		node-b) start_node b ;;
	esac
}

start_services() {
	SERVICE_ENV=(SPRING_RABBITMQ_HOST=127.0.0.1 "SPRING_RABBITMQ_VIRTUAL_HOST=$BENCH_VHOST"
		"WARREN_JWT_SECRET=$WARREN_JWT_SECRET" "WARREN_ADMIN_TOKEN=$WARREN_ADMIN_TOKEN")
	start_publisher
	start_node a
	[[ $NEED_NODE_B == 1 ]] && start_node b
	local name
	for name in "${!SERVICE_PID[@]}"; do wait_healthy "$name"; done
	ensure_channel
}

# The ingest target does not ask the publisher for its channel itself; the others do.
ensure_channel() {
	curl -fsS --max-time 30 -H "Authorization: Bearer $WARREN_ADMIN_TOKEN" \
		"http://127.0.0.1:$PUBLISHER_PORT/v1/create-rabbit-ch" >/dev/null \
		|| warn "GET /v1/create-rabbit-ch failed"
}

# Before each scenario: a service that died (OOM, crash) is restarted, so one bad
# scenario does not spoil the rest. Its log keeps growing in the same file.
revive_services() {
	local name
	for name in "${!SERVICE_PID[@]}"; do
		if ! kill -0 "${SERVICE_PID[$name]}" 2>/dev/null; then
			warn "$name (pid ${SERVICE_PID[$name]}) died; restarting it (see $OUT/logs/$name.log)"
			start_by_name "$name"
			wait_healthy "$name"
		fi
	done
}

# Stop a service we started and start it again (fresh JVM), waiting for its health.
restart_service() { # name
	local name=$1 pid=${SERVICE_PID[$1]} i
	kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	start_by_name "$name"
	wait_healthy "$name"
}

# ---------------------------------------------------------------------------
# Running the load tool and judging a step
# ---------------------------------------------------------------------------
# Loader arguments per target.
warren_args() { # warren_args URL...
	local a=(--target warren --publisher-url "http://127.0.0.1:$PUBLISHER_PORT" --jwt-secret-file "$SECRET_FILE"
		--amqp-uri "$WARREN_AMQP_URI" --protocol "$WARREN_PROTOCOL") url
	for url in "$@"; do a+=(--socket-url "$url"); done
	printf '%s\n' "${a[@]}"
}
NODE_A_URL=""
NODE_B_URL=""

# run_load JSON ARGS...: sets LOAD_RC. Backgrounded and waited for, so INT/TERM reach
# the trap at once and the trap can stop the loader.
LOAD_RC=0
run_load() {
	local json=$1; shift
	local logfile
	logfile=$OUT/logs/$(basename "$json" .json).log
	rm -f "$json"
	# shellcheck disable=SC2086  # LOADER_JAVA_OPTS and LOADER_ARGS are lists of options
	"$JAVA" $LOADER_JAVA_OPTS -jar "$LOADER_JAR" load --quiet --result "$json" "$@" $LOADER_ARGS >"$logfile" 2>&1 &
	LOADER_PID=$!
	LOAD_RC=0
	wait "$LOADER_PID" || LOAD_RC=$?
	LOADER_PID=
}

# Fields read from every result, in this order (see LoadResult in test-sub-client).
STEP_FIELDS=(clean deliveredPerSecond latency.p50Ms latency.p99Ms loader.cpuCores loader.cpuMicrosPerMessage
	messages.expected messages.received messages.lost messages.duplicates
	messages.outOfOrder messages.misdelivered connections.requested connections.subscribed
	connections.failed connections.lostAfterSubscribing connections.deflateNegotiated
	serverMemory.bytesPerConnection serverMemory.connectionsPerGiB)

# read_step JSON: sets S_* from the result (NA where there is none).
read_step() {
	local line
	line=$(json_fields "$1" "${STEP_FIELDS[@]}")
	IFS=$'\t' read -r S_CLEAN S_DELIVERED S_P50 S_P99 S_CPU S_CPU_US S_EXP S_RECV S_LOST S_DUP S_OOO \
		S_MIS S_REQ S_SUB S_FAILED S_DROPPED S_DEFLATE S_BPC S_CPG <<<"$line"
}

# judge KIND RATE: sets STEP_OK (1/0) and STEP_WHY, from LOAD_RC and S_*.
#   socket: clean and p99 <= limit;  ingest: clean and delivered >= 95 % of the rate;
#   idle: anything but a setup failure (memory figures are wanted even if a few failed).
judge() {
	local kind=$1 rate=$2
	STEP_OK=0
	if ((LOAD_RC != 0 && LOAD_RC != 3)) || [[ $S_CLEAN == NA ]]; then
		STEP_WHY="setup failed, no result (exit $LOAD_RC)"
		return
	fi
	if [[ $kind == idle ]]; then
		STEP_OK=1
		STEP_WHY="subscribed $S_SUB/$S_REQ, failed $S_FAILED, dropped $S_DROPPED"
		return
	fi
	if [[ $S_CLEAN != true ]]; then
		STEP_WHY="not clean: received $S_RECV/$S_EXP, lost $S_LOST dup $S_DUP ooo $S_OOO misdelivered $S_MIS, conn failed $S_FAILED dropped $S_DROPPED"
		return
	fi
	if [[ $kind == ingest ]]; then
		if num_gt "$(awk -v r="$rate" -v s="$INGEST_MIN_SHARE" 'BEGIN { print r * s }')" "$S_DELIVERED"; then
			STEP_WHY="delivered $(fmt "$S_DELIVERED" 0)/s < 95% of $rate/s"
			return
		fi
	elif num_gt "$S_P99" "$P99_LIMIT_MS"; then
		STEP_WHY="p99 $(fmt "$S_P99" 1) ms > $P99_LIMIT_MS ms"
		return
	fi
	STEP_OK=1
	STEP_WHY=ok
}

record_step() { # scenario target variant run rate file
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" \
		"$LOAD_RC" "$S_CLEAN" "$S_DELIVERED" "$S_P50" "$S_P99" "$S_CPU" "$S_CPU_US" "$S_SUB" "$STEP_OK" "$STEP_WHY" \
		"$(basename "$6")" >>"$STEPS_TSV"
	log "  $1 $2 $3 run$4 rate $5: exit $LOAD_RC, delivered $(fmt "$S_DELIVERED" 0)/s," \
		"p50/p99 $(fmt "$S_P50" 1)/$(fmt "$S_P99" 1) ms, loader $(fmt "$S_CPU" 2) cores" \
		"$(fmt "$S_CPU_US" 1) us/msg -> $STEP_WHY"
}

# record_run scenario target variant run metric rate delivered p50 p99 cpu cpu_us bpc subscribed topped note
#            deflate-negotiated   (one line of runs.tsv; metric is what the summary takes the median of)
record_run() {
	local IFS=$'\t'
	echo "$*" >>"$RUNS_TSV"
}

# ladder SCENARIO TARGET VARIANT RUN KIND "RATES" LOADER-ARGS...
# One discarded step at the ladder's first rate before a scenario's first Warren run: a
# fresh JVM compiles its hot paths in its first half-minute under load, which would
# otherwise count against whichever ladder comes first. RabbitMQ's BEAM compiles its code
# when it loads it, so Web-STOMP needs none.
warm_up() { # scenario target rates ARGS...
	local scenario=$1 target=$2 rates=$3; shift 3
	[[ $target == warren ]] || return 0
	((QUICK)) && return 0
	local first=${rates%% *}
	log "$scenario / $target: warm-up step at rate $first (not recorded)"
	run_load "$RAW/$scenario-$target-warmup.json" --rate "$first" --warmup "$WARMUP" --duration "$DURATION" "$@"
	sleep "$STEP_PAUSE"
}

# Climbs the rate ladder until a step fails, is not clean, or is too slow (see judge);
# the run's best is the highest delivered rate among the good steps.
ladder() {
	local scenario=$1 target=$2 variant=$3 run=$4 kind=$5 rates=$6; shift 6
	[[ $target == web-stomp && $PEER == 0 ]] && return 0
	local -a ladder_rates
	read -r -a ladder_rates <<<"$rates"
	local rate n=0 topped=1 stop="top of the ladder"
	local b_rate=NA b_del=NA b_p50=NA b_p99=NA b_cpu=NA b_cpu_us=NA b_sub=NA b_deflate=NA
	wait_broker_quiet
	log "$scenario / $target / $variant / run $run: rates ${ladder_rates[*]}"
	for rate in "${ladder_rates[@]}"; do
		if ((MAX_STEPS > 0 && n >= MAX_STEPS)); then
			stop="QUICK: stopped after $MAX_STEPS steps"
			break
		fi
		((n > 0)) && sleep "$STEP_PAUSE"
		# Web-STOMP's previous step may still be deleting its clients' queues.
		if ((n > 0)) && [[ $target == web-stomp ]]; then wait_broker_settled; fi
		n=$((n + 1))
		local json=$RAW/$scenario-$target-$variant-run$run-rate$rate.json
		run_load "$json" --rate "$rate" --warmup "$WARMUP" --duration "$DURATION" "$@"
		read_step "$json"
		judge "$kind" "$rate"
		record_step "$scenario" "$target" "$variant" "$run" "$rate" "$json"
		if ((STEP_OK == 0)); then
			topped=0
			stop="rate $rate: $STEP_WHY"
			break
		fi
		if [[ $b_del == NA ]] || num_gt "$S_DELIVERED" "$b_del"; then
			b_rate=$rate b_del=$S_DELIVERED b_p50=$S_P50 b_p99=$S_P99 b_cpu=$S_CPU b_cpu_us=$S_CPU_US b_sub=$S_SUB b_deflate=$S_DEFLATE
		fi
	done
	record_run "$scenario" "$target" "$variant" "$run" "$b_del" "$b_rate" "$b_del" "$b_p50" "$b_p99" \
		"$b_cpu" "$b_cpu_us" NA "$b_sub" "$topped" "stopped: $stop" "$b_deflate"
	sleep "$STEP_PAUSE"
}

# Median best in-rate of earlier runs (for latency): scenario target variant. A run with no
# good step counts as 0 (its best lies below the ladder's first rate); NA if none was.
median_best_rate() {
	local m
	m=$(awk -F'\t' -v s="$1" -v t="$2" -v v="$3" '$1 == s && $2 == t && $3 == v { print ($6 == "NA") ? 0 : $6 }' "$RUNS_TSV" | median)
	if is_num "$m" && num_gt "$m" 0; then echo "$m"; else echo NA; fi
}

# The summary's figure for a scenario: the median of its runs' metrics. In a ladder a run
# with no good step counts as 0, so a run that failed at its first step pulls the median
# down instead of vanishing; idle and latency runs without a figure are left out.
median_metric() { # scenario variant target
	awk -F'\t' -v s="$1" -v v="$2" -v t="$3" '$1 == s && $3 == v && $2 == t {
		if ($5 != "NA") print $5; else if (s != "idle" && s != "latency") print 0 }' "$RUNS_TSV" | median
}

# ---------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------
# (a) fanout: 500 clients on node A, one topic; delivered = rate x 500. Once with
# permessage-deflate offered as browsers do (the headline), once without.
scenario_fanout() {
	local run variant
	local -a flag w s
	mapfile -t w < <(warren_args "$NODE_A_URL")
	s=(--target web-stomp --socket-url "$WEBSTOMP_URL")
	# Node A's CPU per delivered message is recorded too (serverCpu in each step's JSON):
	# at a rate both jars sustain it compares two builds far more finely than the ladder.
	w+=(--server-pid "${SERVICE_PID[node-a]}" --settle 0)
	warm_up fanout warren "$FANOUT_RATES_WARREN" "${w[@]}" --clients "$FANOUT_CLIENTS" --fanout --mix topic=1
	for ((run = 1; run <= RUNS; run++)); do
		for variant in deflate no-deflate; do
			flag=(); [[ $variant == no-deflate ]] && flag=(--no-deflate)
			ladder fanout warren "$variant" "$run" socket "$FANOUT_RATES_WARREN" "${w[@]}" \
				--clients "$FANOUT_CLIENTS" --fanout --mix topic=1 "${flag[@]}"
			ladder fanout web-stomp "$variant" "$run" socket "$FANOUT_RATES_WEBSTOMP" "${s[@]}" \
				--clients "$FANOUT_CLIENTS" --fanout --mix topic=1 "${flag[@]}"
		done
	done
}

# (b) fanout2: 1000 clients spread over nodes A and B (Warren scales out by adding nodes);
# Web-STOMP has one endpoint, so its 1000 clients all go there.
scenario_fanout2() {
	local run
	local -a w s
	mapfile -t w < <(warren_args "$NODE_A_URL" "$NODE_B_URL")
	s=(--target web-stomp --socket-url "$WEBSTOMP_URL")
	warm_up fanout2 warren "$FANOUT2_RATES_WARREN" "${w[@]}" --clients "$FANOUT2_CLIENTS" --fanout --mix topic=1
	for ((run = 1; run <= RUNS; run++)); do
		ladder fanout2 warren deflate "$run" socket "$FANOUT2_RATES_WARREN" "${w[@]}" \
			--clients "$FANOUT2_CLIENTS" --fanout --mix topic=1
		ladder fanout2 web-stomp deflate "$run" socket "$FANOUT2_RATES_WEBSTOMP" "${s[@]}" \
			--clients "$FANOUT2_CLIENTS" --fanout --mix topic=1
	done
}

# DIRECT_CLIENTS clients on node A, each on its private channel; only the message mix and
# the ladders differ between the scenarios built on it.
many_clients_scenario() { # scenario mix warren-rates web-stomp-rates
	local scenario=$1 mix=$2 rates_w=$3 rates_s=$4 run
	local -a w s common
	mapfile -t w < <(warren_args "$NODE_A_URL")
	s=(--target web-stomp --socket-url "$WEBSTOMP_URL")
	common=(--clients "$DIRECT_CLIENTS" --mix "$mix" --topics 1 --connect-concurrency 200)
	warm_up "$scenario" warren "$rates_w" "${w[@]}" "${common[@]}"
	for ((run = 1; run <= RUNS; run++)); do
		ladder "$scenario" warren deflate "$run" socket "$rates_w" "${w[@]}" "${common[@]}"
		ladder "$scenario" web-stomp deflate "$run" socket "$rates_s" "${s[@]}" "${common[@]}"
	done
}

# (c) direct: 5000 clients, every message to one client's private channel; delivered = rate.
scenario_direct() {
	many_clients_scenario direct direct=1,topic=0,broadcast=0 "$DIRECT_RATES_WARREN" "$DIRECT_RATES_WEBSTOMP"
}

# broadcast: the same 5000 clients, every message a broadcast to all of them (on Warren,
# every client's private channel; Web-STOMP's clients also subscribe to /topic/broadcast);
# delivered = rate x clients.
scenario_broadcast() {
	many_clients_scenario broadcast direct=0,topic=0,broadcast=1 "$BROADCAST_RATES_WARREN" "$BROADCAST_RATES_WEBSTOMP"
}

# (d) idle: hold IDLE_CLIENTS connections (10 s heart-beats, nothing published) and read
# the server's resident memory before and after. Warren's server is node A's JVM, Web-STOMP's
# the broker's beam.smp (which also holds one queue per subscription).
idle_once() { # target variant run pid ARGS...
	local target=$1 variant=$2 run=$3 pid=$4; shift 4
	[[ $target == web-stomp && $PEER == 0 ]] && return 0
	local json=$RAW/idle-$target-$variant-run$run-rate0.json addr
	local -a local_addr=()
	for addr in $IDLE_LOCAL_ADDRESSES; do local_addr+=(--local-address "$addr"); done
	# Pre-warm: the first connections load classes and JIT-compile code in a fresh JVM; a
	# short unmeasured round keeps that out of the per-connection figure.
	log "idle / $target / run $run: pre-warm with $IDLE_PREWARM_CLIENTS connections"
	run_load "$RAW/idle-$target-$variant-prewarm-run$run-rate0.json" --clients "$IDLE_PREWARM_CLIENTS" --rate 0 \
		--duration 2 --heartbeat 10000 "$@"
	# Web-STOMP's pre-warm leaves its subscription queues for RabbitMQ to delete first.
	[[ $target == web-stomp ]] && wait_broker_settled
	sleep "$STEP_PAUSE"
	log "idle / $target / run $run: $IDLE_CLIENTS connections, server pid $pid"
	run_load "$json" --clients "$IDLE_CLIENTS" --rate 0 --duration "$IDLE_DURATION" --heartbeat 10000 \
		--server-pid "$pid" --settle "$IDLE_SETTLE" --connect-concurrency 200 "${local_addr[@]}" "$@"
	read_step "$json"
	judge idle 0
	record_step idle "$target" "$variant" "$run" 0 "$json"
	log "  -> $(fmt "$S_BPC" 0) bytes/connection, $(fmt "$S_CPG" 0) connections/GiB"
	local metric=NA
	# A few connections can leave RSS flat or even lower (GC, allocator): no figure then.
	if ((STEP_OK == 1)); then
		if is_num "$S_BPC" && num_gt "$S_BPC" 0; then
			metric=$S_CPG
		else
			STEP_WHY="$STEP_WHY; RSS did not grow (${S_BPC} B/conn): too few connections to measure"
		fi
	fi
	record_run idle "$target" "$variant" "$run" "$metric" 0 NA NA NA NA NA "$S_BPC" "$S_SUB" 0 "$STEP_WHY" "$S_DEFLATE"
	sleep "$STEP_PAUSE"
}

# The broker's CPU over a 2 s window, in cores (NA when it cannot be read).
broker_cores() {
	local pid a b
	pid=$(beam_pid)
	[[ -n $pid && -r /proc/$pid/stat ]] || { echo NA; return; }
	a=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
	sleep 2
	b=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null) || { echo NA; return; }
	awk -v a="$a" -v b="$b" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b - a) / hz / 2 }'
}

# Before every ladder: a Web-STOMP step that fell behind leaves the broker working off
# (and then deleting) hundreds of queues' backlogs for a while, which would otherwise be
# billed to whichever ladder comes next. Waits, up to a minute, until the broker is idle.
wait_broker_quiet() {
	local i cores
	for ((i = 0; i < 30; i++)); do
		cores=$(broker_cores)
		[[ $cores == NA ]] && return
		num_gt "$cores" 0.15 || return 0
	done
	warn "RabbitMQ still busy ($cores cores) a minute after the previous ladder"
}

# After thousands of Web-STOMP connections close, RabbitMQ spends minutes deleting their
# subscription queues and answers new connections slowly: wait until it is done.
wait_broker_settled() {
	local i n
	for ((i = 0; i < 120; i++)); do
		n=$(timeout 20 rabbitmqctl -q list_queues -p / name 2>/dev/null | wc -l) || n=999999
		((n < 100)) && return
		sleep 5
	done
	warn "RabbitMQ still holds $n queues in / after 10 minutes"
}

scenario_idle() {
	local run
	local -a w
	mapfile -t w < <(warren_args "$NODE_A_URL")
	for ((run = 1; run <= RUNS; run++)); do
		# A node whose heap already grew under earlier load would hide the connections'
		# cost: every run measures from a freshly started node A.
		log "idle: restarting node A for a fresh baseline"
		restart_service node-a
		# Warren declines permessage-deflate, so offering it changes nothing there.
		idle_once warren deflate "$run" "${SERVICE_PID[node-a]}" "${w[@]}"
		local beam
		beam=$(beam_pid)
		if [[ -z $beam ]]; then
			warn "idle: no beam.smp process found; Web-STOMP skipped"
		else
			# Web-STOMP accepts deflate and keeps compression state per connection: measured
			# both as browsers connect (offered) and with it off.
			idle_once web-stomp deflate "$run" "$beam" --target web-stomp --socket-url "$WEBSTOMP_URL"
			wait_broker_settled
			idle_once web-stomp no-deflate "$run" "$beam" --target web-stomp --socket-url "$WEBSTOMP_URL" \
				--no-deflate
			wait_broker_settled
		fi
	done
}

# (e) latency: the fanout set-up at half of each target's best fanout in-rate (deflate
# offered), i.e. comfortably below saturation, for a longer run.
latency_rate() { # target ladder: sets LAT_RATE to half the median best, probing if needed
	local target=$1 rates=$2 best
	best=$(median_best_rate fanout "$target" deflate)
	if [[ $best == NA ]]; then
		best=$(median_best_rate latency-probe "$target" deflate)
	fi
	if [[ $best == NA ]]; then
		log "latency: no fanout result for $target in this run; probing its fanout ladder once"
		local -a w
		if [[ $target == warren ]]; then mapfile -t w < <(warren_args "$NODE_A_URL")
		else w=(--target web-stomp --socket-url "$WEBSTOMP_URL"); fi
		ladder latency-probe "$target" deflate 1 socket "$rates" "${w[@]}" \
			--clients "$FANOUT_CLIENTS" --fanout --mix topic=1
		best=$(median_best_rate latency-probe "$target" deflate)
	fi
	if [[ $best == NA ]]; then
		read -r best _ <<<"$rates"
		warn "latency: $target had no good fanout step; used half its first ladder step ($best)"
	fi
	LAT_RATE=$(awk -v b="$best" 'BEGIN { r = int(b / 2 + 0.5); print (r < 1 ? 1 : r) }')
}

scenario_latency() {
	local rw rs run
	local -a w s common
	rw=${LATENCY_RATE_WARREN:-}
	if [[ -z $rw ]]; then latency_rate warren "$FANOUT_RATES_WARREN"; rw=$LAT_RATE; fi
	rs=${LATENCY_RATE_WEBSTOMP:-}
	if [[ -z $rs ]]; then latency_rate web-stomp "$FANOUT_RATES_WEBSTOMP"; rs=$LAT_RATE; fi
	log "latency: Warren at $rw msg/s, Web-STOMP at $rs msg/s (x $FANOUT_CLIENTS clients)"
	mapfile -t w < <(warren_args "$NODE_A_URL")
	s=(--target web-stomp --socket-url "$WEBSTOMP_URL")
	common=(--clients "$FANOUT_CLIENTS" --fanout --mix topic=1 --warmup "$WARMUP" --duration "$LATENCY_DURATION")
	for ((run = 1; run <= RUNS; run++)); do
		latency_once warren "$run" "$rw" "${w[@]}" "${common[@]}"
		latency_once web-stomp "$run" "$rs" "${s[@]}" "${common[@]}"
	done
}

latency_once() { # target run rate ARGS...
	local target=$1 run=$2 rate=$3; shift 3
	[[ $target == web-stomp && $PEER == 0 ]] && return 0
	local json=$RAW/latency-$target-deflate-run$run-rate$rate.json
	run_load "$json" --rate "$rate" "$@"
	read_step "$json"
	judge socket "$rate"
	# The p99 limit does not apply here: a slow p99 is the figure itself, not a stop sign.
	if ((STEP_OK == 0)) && [[ $S_CLEAN == true ]]; then STEP_OK=1 STEP_WHY="ok (p99 over ${P99_LIMIT_MS} ms)"; fi
	record_step latency "$target" deflate "$run" "$rate" "$json"
	local metric=NA
	((STEP_OK == 1)) && metric=$S_P99
	record_run latency "$target" deflate "$run" "$metric" "$rate" "$S_DELIVERED" "$S_P50" "$S_P99" \
		"$S_CPU" "$S_CPU_US" NA "$S_SUB" 0 "$STEP_WHY" "$S_DEFLATE"
	sleep "$STEP_PAUSE"
}

# (f) ingest: publisher-service alone, warren.ingest -> the history stream, read back over
# AMQP by the tool. Warren only: Web-STOMP has no such hop.
scenario_ingest() {
	local run
	ensure_channel
	for ((run = 1; run <= RUNS; run++)); do
		# publisher-service keeps the history in a stream and publishes its entries there,
		# not to warren.deliveries: the probe reads the stream as the nodes do.
		ladder ingest warren amqp "$run" ingest "$INGEST_RATES" --target ingest \
			--publisher-url "http://127.0.0.1:$PUBLISHER_PORT" --amqp-uri "$WARREN_AMQP_URI" \
			--deliveries-stream warren.deliveries.history
	done
}

# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------
# The median run's row (the one whose metric is closest to the median), for the details.
median_row() { # scenario variant target median
	awk -F'\t' -v s="$1" -v v="$2" -v t="$3" -v m="$4" '
		$1 == s && $3 == v && $2 == t && $5 != "NA" {
			d = $5 - m; if (d < 0) d = -d
			if (best == "" || d < bd) { best = $0; bd = d }
		}
		END { print best }' "$RUNS_TSV"
}

details() { # scenario variant target row: the median run's figures, or why there are none
	local scenario=$1 variant=$2 target=$3 row=$4
	if [[ -z $row ]]; then
		awk -F'\t' -v s="$scenario" -v v="$variant" -v t="$target" \
			'$1 == s && $3 == v && $2 == t { print "no good step (run " $4 ": " $15 ")"; found = 1; exit } END { if (!found) print "—" }' "$RUNS_TSV"
		return
	fi
	local f
	IFS=$'\t' read -r -a f <<<"$row"
	local topped=""
	[[ ${f[13]} == 1 ]] && topped=" (never stopped: a lower bound)"
	case $scenario in
		idle) echo "$(fmt "$(awk -v b="${f[11]}" 'BEGIN { print b / 1024 }')" 1) KiB RSS per connection, ${f[12]} subscribed" ;;
		latency) echo "in-rate ${f[5]}/s, p50/p99 $(fmt "${f[7]}" 1)/$(fmt "${f[8]}" 1) ms; loader $(fmt "${f[9]}" 2) cores, $(fmt "${f[10]}" 1) µs/msg" ;;
		ingest) echo "in-rate ${f[5]}/s$topped, p50/p99 $(fmt "${f[7]}" 1)/$(fmt "${f[8]}" 1) ms; loader $(fmt "${f[9]}" 2) cores, $(fmt "${f[10]}" 1) µs/msg" ;;
		*) echo "in-rate ${f[5]}/s$topped, p50/p99 $(fmt "${f[7]}" 1)/$(fmt "${f[8]}" 1) ms; loader $(fmt "${f[9]}" 2) cores, $(fmt "${f[10]}" 1) µs/msg; deflate on ${f[15]:-NA}/${f[12]} conns" ;;
	esac
}

metric_label() {
	case $1 in
		idle) echo "connections per GiB of server RSS (higher is better)" ;;
		latency) echo "p99 ms at ½ the best fanout rate or LATENCY_RATE_* (lower is better)" ;;
		ingest) echo "delivered msg/s, best step delivering ≥ 95 % of the rate" ;;
		*) echo "delivered msg/s, best clean step with p99 ≤ ${P99_LIMIT_MS} ms" ;;
	esac
}

# The same code measured on two days of this machine kind differed by 2x (docs/benchmarks.md):
# one core's SHA-256 throughput, taken on the quiet box before anything starts, lets a reader
# compare summaries from different days.
CPU_REFERENCE=NA
measure_cpu_reference() {
	if command -v openssl >/dev/null; then
		CPU_REFERENCE=$(openssl speed -seconds 3 -bytes 1024 sha256 2>/dev/null |
			awk '/^sha256/ { sub(/k$/, "", $2); printf "%.0f", $2 / 1000 }')
		[[ -n $CPU_REFERENCE ]] || CPU_REFERENCE=NA
	fi
	log "CPU reference: SHA-256 over 1 KiB blocks on one core: $CPU_REFERENCE MB/s"
}

# The CPU reference missed what decides the direct scenario: on a day whose SHA-256 figure
# was the higher, RabbitMQ spent 1.7x the CPU per message. The broker's own cost of the hop
# every message crosses (a topic exchange into a classic queue), taken on the quiet broker
# before Warren starts, compares that part of the box across days.
BROKER_REFERENCE=NA
BROKER_REFERENCE_RATE=10000
measure_broker_reference() {
	local exchange=warren-bench.reference json=$OUT/raw/broker-reference.json pid
	pid=$(beam_pid)
	if [[ -z $pid ]] || ! curl -fsS --max-time 10 -u guest:guest -X PUT -H 'content-type: application/json' \
		-d '{"type":"topic","durable":false}' "http://127.0.0.1:15672/api/exchanges/%2F/$exchange" >/dev/null 2>&1; then
		warn "broker reference not measured: no RabbitMQ process or management API on 15672"
		return 0
	fi
	# The load tool's ingest target, pointed at one exchange both ways: its producer publishes
	# into the exchange, its probe's queue is bound to it, and the broker's CPU is read from
	# /proc for the messages received.
	"$JAVA" $LOADER_JAVA_OPTS -jar "$LOADER_JAR" load --quiet --result "$json" --target ingest --skip-channel-setup \
		--ingest-exchange "$exchange" --deliveries-exchange "$exchange" --rate "$BROKER_REFERENCE_RATE" \
		--duration "$((QUICK ? 2 : 10))" --warmup 2 --server-pid "$pid" --settle 0 >"$OUT/logs/broker-reference.log" 2>&1 || true
	curl -fsS --max-time 10 -u guest:guest -X DELETE "http://127.0.0.1:15672/api/exchanges/%2F/$exchange" >/dev/null 2>&1 || true
	local f
	IFS=$'\t' read -r -a f < <(json_fields "$json" serverCpu.cpuMicrosPerMessage messages.lost)
	if [[ ${f[0]} == NA || ${f[1]} != 0 ]]; then
		warn "broker reference not measured: see logs/broker-reference.log"
		return 0
	fi
	BROKER_REFERENCE=${f[0]}
	log "broker reference: $BROKER_REFERENCE µs of RabbitMQ CPU per message, topic exchange into a classic queue at $BROKER_REFERENCE_RATE msg/s"
}

write_summary() {
	local md=$OUT/summary.md
	{
		echo "# Warren vs. RabbitMQ Web-STOMP"
		echo
		echo "- when: $STARTED_AT (UTC); host: $(hostname), $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
		echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$( [[ -n $(GIT_OPTIONAL_LOCKS=0 git -C "$ROOT" status --porcelain 2>/dev/null) ]] && echo ' (working tree has changes)')"
		echo "- java: $("$JAVA" -version 2>&1 | head -n 1); RabbitMQ $(rabbitmqctl -q version 2>/dev/null || echo '?')"
		[[ $PEER == 0 ]] && echo "- PEER=0: Web-STOMP was not measured in this run"
		[[ -n $LOADER_ARGS ]] && echo "- extra loader options (every step): $LOADER_ARGS"
		echo "- Warren's clients connect to: $([[ $WARREN_EDGE == 1 ]] && echo "the nodes' Netty edge (warren.socket.edge, ports $NODE_A_EDGE_PORT/$NODE_B_EDGE_PORT)" || echo "the servlet container's /ws (Tomcat)"), speaking $WARREN_PROTOCOL"
		echo "- socket node jar: $SOCKET_JAR ($(sha256sum "$SOCKET_JAR" | cut -c1-12))"
		echo "- CPU reference (compare days with it): SHA-256 over 1 KiB blocks on one core, openssl speed: $CPU_REFERENCE MB/s"
		echo "- broker reference (compare days with it): $BROKER_REFERENCE µs of RabbitMQ CPU per message, published at $BROKER_REFERENCE_RATE msg/s into a topic exchange and consumed from a classic queue (auto-ack), before Warren started"
		echo "- runs: $RUNS (figures are medians of the runs' bests); QUICK=$QUICK; steps: ${WARMUP}s warm-up + ${DURATION}s measured"
		echo "- clients: fanout $FANOUT_CLIENTS, fanout2 $FANOUT2_CLIENTS (Warren over 2 nodes), direct and broadcast $DIRECT_CLIENTS, idle $IDLE_CLIENTS"
		echo "- load tool and servers share this machine: watch the loader's CPU (cores; µs of loader CPU per message) — near $(nproc) cores means the loader, not the server, was the limit."
		echo
		echo "| Scenario | Variant | Metric | Warren | Web-STOMP | Warren / Web-STOMP | Warren at its best (median run) | Web-STOMP at its best (median run) | good runs W / S |"
		echo "|---|---|---|---:|---:|---:|---|---|---|"
		local scenario variant wm sm ratio wrow srow wn sn dec
		while IFS=$'\t' read -r scenario variant; do
			wm=$(median_metric "$scenario" "$variant" warren)
			sm=$(median_metric "$scenario" "$variant" web-stomp)
			wn=$(awk -F'\t' -v s="$scenario" -v v="$variant" '$1 == s && $3 == v && $2 == "warren" { n++; if ($5 != "NA") g++ } END { printf "%d/%d", g, n }' "$RUNS_TSV")
			sn=$(awk -F'\t' -v s="$scenario" -v v="$variant" '$1 == s && $3 == v && $2 == "web-stomp" { n++; if ($5 != "NA") g++ } END { if (n) printf "%d/%d", g, n; else print "—" }' "$RUNS_TSV")
			ratio=NA
			if is_num "$wm" && is_num "$sm" && num_gt "$sm" 0; then ratio=$(awk -v a="$wm" -v b="$sm" 'BEGIN { printf "%.2f×", a / b }'); fi
			wrow=""; srow=""
			is_num "$wm" && num_gt "$wm" 0 && wrow=$(median_row "$scenario" "$variant" warren "$wm")
			is_num "$sm" && num_gt "$sm" 0 && srow=$(median_row "$scenario" "$variant" web-stomp "$sm")
			dec=0; [[ $scenario == latency ]] && dec=1
			[[ $scenario == ingest ]] && { sm="—"; ratio="—"; }
			printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$scenario" "$variant" "$(metric_label "$scenario")" \
				"$(fmt "$wm" "$dec")" "$( [[ $sm == — ]] && echo — || fmt "$sm" "$dec")" "$ratio" \
				"$(details "$scenario" "$variant" warren "$wrow")" "$( [[ $scenario == ingest ]] && echo — || details "$scenario" "$variant" web-stomp "$srow")" "$wn / $sn"
		done < <(awk -F'\t' '$1 != "latency-probe" && !seen[$1 FS $3]++ { print $1 "\t" $3 }' "$RUNS_TSV")
		echo
		echo "Headline: fanout / deflate (permessage-deflate offered, as browsers do)."
		echo
		echo "## Runs"
		echo
		echo "| Scenario | Target | Variant | Run | Best in-rate | Metric | p50 / p99 ms | Loader cores / µs per msg | How it ended |"
		echo "|---|---|---|---:|---:|---:|---|---|---|"
		awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s / %s | %s / %s | %s |\n", $1, $2, $3, $4, $6, $5, $8, $9, $10, $11, $15 }' "$RUNS_TSV"
		if ((${#NOTES[@]} > 0)); then
			echo
			echo "## Notes"
			echo
			local n
			for n in "${NOTES[@]}"; do echo "- $n"; done
		fi
		echo
		echo "Raw results: \`raw/<scenario>-<target>-<variant>-run<k>-rate<r>.json\`; every step: \`steps.tsv\`; loader and service logs: \`logs/\`."
	} >"$md"
	SUMMARY_WRITTEN=1
}

# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------
main() {
	local -a scenarios=("$@")
	((${#scenarios[@]} == 0)) && scenarios=("${ALL_SCENARIOS[@]}")
	local s k known
	for s in "${scenarios[@]}"; do
		known=0
		for k in "${ALL_SCENARIOS[@]}"; do [[ $s == "$k" ]] && known=1; done
		((known)) || die "unknown scenario '$s' (known: ${ALL_SCENARIOS[*]})"
	done
	NEED_NODE_B=0
	for s in "${scenarios[@]}"; do [[ $s == fanout2 ]] && NEED_NODE_B=1; done

	# Ports first: fail before building or touching the broker if we could not start anyway.
	local -a ports=("$PUBLISHER_PORT" "$NODE_A_PORT")
	((NEED_NODE_B)) && ports+=("$NODE_B_PORT")
	if [[ $WARREN_EDGE == 1 ]]; then
		ports+=("$NODE_A_EDGE_PORT")
		((NEED_NODE_B)) && ports+=("$NODE_B_EDGE_PORT")
	fi
	check_ports "${ports[@]}"

	STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	mkdir -p "$OUT/raw" "$OUT/logs" "$OUT/run"
	OUT=$(cd "$OUT" && pwd)
	RAW=$OUT/raw
	STEPS_TSV=$OUT/steps.tsv
	RUNS_TSV=$OUT/runs.tsv
	printf 'scenario\ttarget\tvariant\trun\trate\texit\tclean\tdelivered_per_s\tp50_ms\tp99_ms\tloader_cores\tloader_us_per_msg\tsubscribed\tok\twhy\tfile\n' >"$STEPS_TSV"
	: >"$RUNS_TSV"

	trap cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM

	# The loader holds up to IDLE_CLIENTS sockets, the nodes as many: raise the soft limit.
	ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
	JAVA=$(pick_java || true)
	[[ -n $JAVA && -x $JAVA ]] || die "no java found (looked for /usr/lib/jvm/*25* and java on PATH)"
	ensure_json_tool
	log "output: $OUT (java: $JAVA, json: $JSON_TOOL, open files: $(ulimit -n))"

	# The token secret goes to the loader as a file, not on its command line.
	WARREN_JWT_SECRET=${WARREN_JWT_SECRET:-$(head -c 48 /dev/urandom | base64 | tr -d '\n')}
	((${#WARREN_JWT_SECRET} >= 32)) || die "WARREN_JWT_SECRET must be at least 32 characters"
	SECRET_FILE=$OUT/run/jwt-secret
	(umask 077 && printf '%s' "$WARREN_JWT_SECRET" >"$SECRET_FILE")
	# publisher-service's admin token; the loader reads it from its environment.
	WARREN_ADMIN_TOKEN=${WARREN_ADMIN_TOKEN:-$(head -c 32 /dev/urandom | base64 | tr -d '\n')}
	export WARREN_ADMIN_TOKEN
	if [[ $WARREN_PROTOCOL == json ]]; then
		[[ $WARREN_EDGE == 1 ]] || die "WARREN_PROTOCOL=json needs the edge (WARREN_EDGE=1)"
		NODE_A_URL=ws://127.0.0.1:$NODE_A_EDGE_PORT/ws/json
		NODE_B_URL=ws://127.0.0.1:$NODE_B_EDGE_PORT/ws/json
	elif [[ $WARREN_EDGE == 1 ]]; then
		NODE_A_URL=ws://127.0.0.1:$NODE_A_EDGE_PORT/ws
		NODE_B_URL=ws://127.0.0.1:$NODE_B_EDGE_PORT/ws
	else
		NODE_A_URL=ws://127.0.0.1:$NODE_A_PORT/ws
		NODE_B_URL=ws://127.0.0.1:$NODE_B_PORT/ws
	fi

	build
	measure_cpu_reference
	ensure_rabbitmq
	measure_broker_reference
	start_services

	for s in "${scenarios[@]}"; do
		revive_services
		log "=== scenario $s ==="
		case $s in
			fanout) scenario_fanout ;;
			fanout2) scenario_fanout2 ;;
			direct) scenario_direct ;;
			idle) scenario_idle ;;
			latency) scenario_latency ;;
			ingest) scenario_ingest ;;
			broadcast) scenario_broadcast ;;
		esac
	done

	write_summary
	echo
	cat "$OUT/summary.md"
}

main "$@"
