#!/usr/bin/env bash
# Warren soak: ONE socket node holds many connections for a long time while messages flow
# and a share of the connections is replaced every minute; the run is clean only if nothing
# was lost and nothing in the node grew.
#
# Usage: bench/soak.sh
#
# The bar (the defaults): 10,000 connections on one node for 10 minutes, 200 msg/s, 10 % of
# the connections replaced every minute, spread evenly (each replaced connection ends with
# STOMP DISCONNECT, a new client with a new id subscribes in its place). Clean means:
#   - 0 lost: every message addressed to a connection arrived while it was open (the
#     producer stops addressing a connection before it is replaced, and the connection stays
#     open until what was addressed to it arrived, at most GRACE seconds); no duplicate,
#     nothing out of order or misdelivered, no connection failed or dropped by the node;
#   - the node's heap after a full GC grew by less than HEAP_GROWTH_LIMIT % from minute 2
#     (SAMPLE_FROM) to the end;
#   - the node's open files and threads stayed flat from minute 2 on (range within 5, or 2 %
#     of the smallest value, whichever is larger).
# Samples every SAMPLE_EVERY seconds: heap after GC (jcmd GC.run + GC.heap_info: each
# sample pauses the node for a full collection), open files, threads, RSS, the node's own
# connection count (/actuator/prometheus) and the loader's.
#
# Environment:
#   CLIENTS=10000      connections held on the node
#   RATE=200           messages published per second (warren.ingest)
#   DURATION=600       seconds of producing, replacing and sampling
#   REPLACE=10         % of the connections replaced per minute, 0 for none
#   GRACE=5            seconds a replaced connection stays open at most for messages
#                      addressed to it before it left
#   MIX=direct=1,topic=1   message kinds (the load tool's --mix)
#   TOPICS=100         shared topics; each client follows one, so a topic message reaches
#                      ~CLIENTS/TOPICS clients (defaults: ~100 msg/s direct + ~10,000/s topic)
#   HEARTBEAT=10000    STOMP heart-beat both ways, ms (0 for none)
#   SAMPLE_EVERY=30    seconds between samples
#   SAMPLE_FROM=120    where the steady phase (and the growth figures) starts, seconds
#   HEAP_GROWTH_LIMIT=10   heap-after-GC growth (%) at or above which the run fails
#   NODE_HEAP=1g       the node's -Xmx (bench/run.sh's nodes hold 15,000 idle connections in 1g;
#                      the edge keeps ~5 KB of heap per connection)
#   PUBLISHER_HEAP=512m
#   OUT=bench/results/<UTC timestamp>-soak   raw JSON (soak.json), logs/, summary.txt
#   SKIP_BUILD=1       use the jars already in */target
#   PUBLISHER_PORT=8180 NODE_PORT=8181 NODE_EDGE_PORT=8191   (apart from bench/run.sh's)
#   WARREN_EDGE=1      clients connect to the node's Netty edge; 0: the servlet's /ws
#   WARREN_PROTOCOL=stomp   stomp, or json (Warren's JSON protocol at the edge's /ws/json)
#   SOAK_VHOST=warren-soak  RabbitMQ vhost for this run (created if missing, deleted again
#                      if this script created it). The broker is used as it runs: this
#                      script never starts, stops or restarts it.
#   LOCAL_ADDRESSES="127.0.0.1 127.0.0.2"   the loader's source addresses (ephemeral ports)
#   NODE_JAVA_OPTS, PUBLISHER_JAVA_OPTS, LOADER_JAVA_OPTS   extra JVM options
#   LOADER_ARGS        extra options for the load tool, e.g. "--io-threads 2"
#   SOCKET_JAR, PUBLISHER_JAR   jars to run (default: */target's)
#   WARREN_JWT_SECRET, WARREN_ADMIN_TOKEN   (default: random)
#
# Exit status: 0 clean; 1 could not run; 3 the run finished but was not clean (the summary
# says why).
#
# A short check of the script: CLIENTS=1000 DURATION=150 bench/soak.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# OUT, when given, is relative to where the script was called from; the default is in the repo.
if [[ -n ${OUT:-} && $OUT != /* ]]; then OUT=$PWD/$OUT; fi
cd "$ROOT"

# ---------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------
CLIENTS=${CLIENTS:-10000}
RATE=${RATE:-200}
DURATION=${DURATION:-600}
REPLACE=${REPLACE:-10}
GRACE=${GRACE:-5}
MIX=${MIX:-direct=1,topic=1}
TOPICS=${TOPICS:-100}
HEARTBEAT=${HEARTBEAT:-10000}
SAMPLE_EVERY=${SAMPLE_EVERY:-30}
SAMPLE_FROM=${SAMPLE_FROM:-120}
HEAP_GROWTH_LIMIT=${HEAP_GROWTH_LIMIT:-10}
NODE_HEAP=${NODE_HEAP:-1g}
PUBLISHER_HEAP=${PUBLISHER_HEAP:-512m}
OUT=${OUT:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-soak}
PUBLISHER_PORT=${PUBLISHER_PORT:-8180}
NODE_PORT=${NODE_PORT:-8181}
NODE_EDGE_PORT=${NODE_EDGE_PORT:-8191}
WARREN_EDGE=${WARREN_EDGE:-1}
WARREN_PROTOCOL=${WARREN_PROTOCOL:-stomp}
SOAK_VHOST=${SOAK_VHOST:-warren-soak}
LOCAL_ADDRESSES=${LOCAL_ADDRESSES:-127.0.0.1 127.0.0.2}
NODE_JAVA_OPTS=${NODE_JAVA_OPTS:-}
PUBLISHER_JAVA_OPTS=${PUBLISHER_JAVA_OPTS:-}
LOADER_JAVA_OPTS=${LOADER_JAVA_OPTS:-}
LOADER_ARGS=${LOADER_ARGS:-}
HEALTH_TIMEOUT=120
# The socket node's JVM options as its image, ./warren and the chart set them (as bench/run.sh).
NODE_DEFAULT_JAVA_OPTS=(-XX:MaxNewSize=64m)

PUBLISHER_JAR=${PUBLISHER_JAR:-$ROOT/publisher-service/target/publisher-service-0.1.0-SNAPSHOT-exec.jar}
SOCKET_JAR=${SOCKET_JAR:-$ROOT/socket-server/target/socket-server-0.1.0-SNAPSHOT-exec.jar}
LOADER_JAR=$ROOT/test-sub-client/target/test-sub-client-0.1.0-SNAPSHOT-exec.jar

# ---------------------------------------------------------------------------
# Small helpers (as in bench/run.sh)
# ---------------------------------------------------------------------------
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { printf '%s ERROR: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; exit 1; }

# Newest JDK 25 under /usr/lib/jvm (sort -V picks 25.0.10 over 25.0.9), else java on PATH.
# The loader runs jcmd from the same JDK, so it must be a JDK, not a JRE.
pick_java() {
	local dir
	dir=$(printf '%s\n' /usr/lib/jvm/*25* | sort -V | tail -n 1)
	if [[ -x $dir/bin/java ]]; then echo "$dir/bin/java"; else command -v java; fi
}

is_num() { [[ $1 =~ ^-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$ ]]; }
num_ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }'; }
port_busy() { ss -ltnH "sport = :$1" | grep . >/dev/null; }

# json_fields FILE PATH... prints the values tab-separated, NA for missing or null.
json_fields() {
	local file=$1; shift
	if command -v jq >/dev/null; then
		local filter="" p
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

# ---------------------------------------------------------------------------
# Process bookkeeping: everything started here is stopped on exit, whatever the reason.
# ---------------------------------------------------------------------------
declare -A SERVICE_PID=()     # name -> pid
declare -A SERVICE_PORT=()    # name -> port
LOADER_PID=
CREATED_VHOST=0

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
	# Spring shuts down gracefully on TERM (the node drains); give it 30 s, then KILL.
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
		log "deleting RabbitMQ vhost $SOAK_VHOST"
		rabbitmqctl -q delete_vhost "$SOAK_VHOST" >/dev/null 2>&1
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

# The broker is shared: use it as it runs, in a vhost of our own. Warren holds one AMQP
# connection per process, so the broker's open-files limit does not matter here.
ensure_rabbitmq() {
	command -v rabbitmqctl >/dev/null || die "rabbitmqctl not found: RabbitMQ must be installed locally"
	rabbitmqctl -q status >/dev/null 2>&1 || die "RabbitMQ is not running on this machine (this script does not start it)"
	if [[ $SOAK_VHOST != / ]] && ! rabbitmqctl -q list_vhosts name 2>/dev/null | grep -xF "$SOAK_VHOST" >/dev/null; then
		log "creating RabbitMQ vhost $SOAK_VHOST"
		rabbitmqctl -q add_vhost "$SOAK_VHOST" >/dev/null
		CREATED_VHOST=1
	fi
	rabbitmqctl -q set_permissions -p "$SOAK_VHOST" guest '.*' '.*' '.*' >/dev/null
	# Another publisher-service consuming warren.ingest in this vhost would take a share of
	# the messages: the run would report them lost.
	local consumers
	consumers=$(rabbitmqctl -q list_queues -p "$SOAK_VHOST" name consumers 2>/dev/null | awk '$1 == "warren.ingest" { print $2 }')
	if [[ -n $consumers && $consumers != 0 ]]; then
		die "warren.ingest in vhost $SOAK_VHOST already has $consumers consumer(s); stop that Warren or set SOAK_VHOST"
	fi
	# URL-encode the vhost for the loader's AMQP URI ("/" is %2F).
	# shellcheck disable=SC2016  # $v is jq's variable, not the shell's
	AMQP_URI=amqp://guest:guest@127.0.0.1:5672/$(jq -rn --arg v "$SOAK_VHOST" '$v | @uri' 2>/dev/null \
		|| python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$SOAK_VHOST")
}

check_ports() {
	local port busy=()
	for port in "$@"; do port_busy "$port" && busy+=("$port"); done
	((${#busy[@]} == 0)) && return
	ss -ltnpH | grep -E ":($(IFS='|'; echo "${busy[*]}"))\b" >&2 || true
	die "port(s) ${busy[*]} already in use; stop what listens there or set PUBLISHER_PORT / NODE_PORT / NODE_EDGE_PORT"
}

# start_service NAME PORT HEAP JAR ENV...: JVM in the background, log in $OUT/logs/NAME.log
start_service() {
	local name=$1 port=$2 heap=$3 jar=$4; shift 4
	local -a extra=()
	[[ $name == node ]] && extra=("${NODE_DEFAULT_JAVA_OPTS[@]}")
	# shellcheck disable=SC2206  # NODE_JAVA_OPTS is a list of options
	[[ $name == node && -n $NODE_JAVA_OPTS ]] && extra+=($NODE_JAVA_OPTS)
	# shellcheck disable=SC2206  # PUBLISHER_JAVA_OPTS is a list of options
	[[ $name == publisher && -n $PUBLISHER_JAVA_OPTS ]] && extra+=($PUBLISHER_JAVA_OPTS)
	log "starting $name on port $port (-Xmx$heap)"
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

start_services() {
	local -a env=(SPRING_RABBITMQ_HOST=127.0.0.1 "SPRING_RABBITMQ_VIRTUAL_HOST=$SOAK_VHOST"
		"WARREN_JWT_SECRET=$WARREN_JWT_SECRET" "WARREN_ADMIN_TOKEN=$WARREN_ADMIN_TOKEN")
	start_service publisher "$PUBLISHER_PORT" "$PUBLISHER_HEAP" "$PUBLISHER_JAR" "${env[@]}" \
		SPRING_DATASOURCE_URL=jdbc:mariadb://127.0.0.1:3306/test SPRING_DATASOURCE_USERNAME=root
	# In a fresh vhost the exchanges exist once publisher-service declared them: a node
	# started before would log a channel error (and recover) at start-up.
	wait_healthy publisher
	local -a edge=(WARREN_SOCKET_EDGE_ENABLED=false)
	[[ $WARREN_EDGE == 1 ]] && edge=(WARREN_SOCKET_EDGE_ENABLED=true "WARREN_SOCKET_EDGE_PORT=$NODE_EDGE_PORT")
	start_service node "$NODE_PORT" "$NODE_HEAP" "$SOCKET_JAR" "${env[@]}" "${edge[@]}"
	wait_healthy node
	curl -fsS --max-time 30 -H "Authorization: Bearer $WARREN_ADMIN_TOKEN" \
		"http://127.0.0.1:$PUBLISHER_PORT/v1/create-rabbit-ch" >/dev/null \
		|| die "GET /v1/create-rabbit-ch failed"
	# Read whole before grep: `curl | grep -q` fails under pipefail once grep stops reading.
	local scrape
	scrape=$(curl -fsS --max-time 5 "http://127.0.0.1:$NODE_PORT/actuator/prometheus") \
		|| die "the node's /actuator/prometheus does not answer"
	grep -q '^warren_socket_connections' <<<"$scrape" || die "the node's /actuator/prometheus has no warren_socket_connections"
}

# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------
run_loader() {
	local node_url addr
	if [[ $WARREN_PROTOCOL == json ]]; then
		[[ $WARREN_EDGE == 1 ]] || die "WARREN_PROTOCOL=json needs the edge (WARREN_EDGE=1)"
		node_url=ws://127.0.0.1:$NODE_EDGE_PORT/ws/json
	elif [[ $WARREN_EDGE == 1 ]]; then
		node_url=ws://127.0.0.1:$NODE_EDGE_PORT/ws
	else
		node_url=ws://127.0.0.1:$NODE_PORT/ws
	fi
	local -a args=(load --result "$RESULT" --target warren --protocol "$WARREN_PROTOCOL"
		--publisher-url "http://127.0.0.1:$PUBLISHER_PORT" --jwt-secret-file "$SECRET_FILE" --amqp-uri "$AMQP_URI"
		--socket-url "$node_url" --clients "$CLIENTS" --rate "$RATE" --duration "$DURATION" --mix "$MIX"
		--topics "$TOPICS" --heartbeat "$HEARTBEAT" --replace-per-minute "$REPLACE" --replace-grace "$GRACE"
		--server-pid "${SERVICE_PID[node]}" --settle 5 --sample-every "$SAMPLE_EVERY" --sample-from "$SAMPLE_FROM"
		--server-metrics "http://127.0.0.1:$NODE_PORT/actuator/prometheus" --connect-concurrency 200)
	for addr in $LOCAL_ADDRESSES; do args+=(--local-address "$addr"); done
	log "loader: $CLIENTS connections on $node_url, $RATE msg/s ($MIX, $TOPICS topics), $REPLACE %/min replaced," \
		"${DURATION}s, samples every ${SAMPLE_EVERY}s; progress in $OUT/logs/loader.log"
	# shellcheck disable=SC2086  # LOADER_JAVA_OPTS and LOADER_ARGS are lists of options
	"$JAVA" $LOADER_JAVA_OPTS -jar "$LOADER_JAR" "${args[@]}" $LOADER_ARGS >"$OUT/logs/loader.log" 2>&1 &
	LOADER_PID=$!
	# Backgrounded and waited for, so INT/TERM reach the trap at once; a progress line now and then.
	local next=$((SECONDS + SAMPLE_EVERY))
	while kill -0 "$LOADER_PID" 2>/dev/null; do
		sleep 1
		if ((SECONDS >= next)); then
			next=$((SECONDS + SAMPLE_EVERY))
			local line
			line=$(grep -E '^\[ *[0-9]+s\]|^connecting:' "$OUT/logs/loader.log" | tail -n 1 || true)
			[[ -n $line ]] && log "  $line"
			kill -0 "${SERVICE_PID[node]}" 2>/dev/null || log "  WARNING: the node (pid ${SERVICE_PID[node]}) is gone"
		fi
	done
	LOAD_RC=0
	wait "$LOADER_PID" || LOAD_RC=$?
	LOADER_PID=
}

# Reads the result and decides; sets WHY (empty when clean).
judge() {
	WHY=()
	if [[ ! -s $RESULT ]]; then
		WHY+=("the loader wrote no result (exit $LOAD_RC; see $OUT/logs/loader.log)")
		return
	fi
	local clean lost expected received dup ooo mis failed dropped confirmed growth files_flat threads_flat steady
	IFS=$'\t' read -r clean lost expected received dup ooo mis failed dropped confirmed growth files_flat threads_flat \
		steady < <(json_fields "$RESULT" clean messages.lost messages.expected messages.received messages.duplicates \
			messages.outOfOrder messages.misdelivered connections.failed connections.lostAfterSubscribing \
			messages.producerConfirmed samples.summary.heapAfterGcGrowthPercent samples.summary.openFilesFlat \
			samples.summary.threadsFlat samples.summary.samples)
	[[ $clean == true ]] || WHY+=("load not clean: lost $lost of $expected (received $received), $dup duplicates, $ooo out of order, $mis misdelivered, $failed connections failed, $dropped dropped by the node, all confirmed: $confirmed")
	if [[ $steady == NA ]] || ! num_ge "$steady" 2; then
		WHY+=("fewer than 2 samples from ${SAMPLE_FROM}s on (${steady}): DURATION must exceed SAMPLE_FROM")
	fi
	if ! is_num "$growth"; then
		WHY+=("no heap-after-GC growth figure (see errors in $RESULT)")
	elif num_ge "$growth" "$HEAP_GROWTH_LIMIT"; then
		WHY+=("heap after GC grew ${growth} % (limit ${HEAP_GROWTH_LIMIT} %)")
	fi
	[[ $files_flat == true ]] || WHY+=("open files not flat ($files_flat)")
	[[ $threads_flat == true ]] || WHY+=("threads not flat ($threads_flat)")
	kill -0 "${SERVICE_PID[node]}" 2>/dev/null || WHY+=("the node died during the run")
}

write_summary() {
	local md=$OUT/summary.txt
	{
		echo "Warren soak, $STARTED_AT (UTC), $(hostname), $(nproc) CPUs"
		echo "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$( [[ -n $(GIT_OPTIONAL_LOCKS=0 git -C "$ROOT" status --porcelain 2>/dev/null) ]] && echo ' (working tree has changes)'); socket jar $(sha256sum "$SOCKET_JAR" | cut -c1-12)"
		echo "settings: CLIENTS=$CLIENTS RATE=$RATE DURATION=$DURATION REPLACE=$REPLACE GRACE=$GRACE MIX=$MIX TOPICS=$TOPICS HEARTBEAT=$HEARTBEAT NODE_HEAP=$NODE_HEAP edge=$WARREN_EDGE protocol=$WARREN_PROTOCOL"
		# The load tool's own summary: from its verdict line to the end.
		sed -n '/^warren run [0-9a-f]*: /,$p' "$OUT/logs/loader.log"
		if [[ -s $RESULT ]]; then
			echo
			echo "samples (s: heap after GC MiB, gc live data MiB, open files, threads, RSS MiB, node connections, loader connections, replaced):"
			jq -r '.samples.series[]? | "  \(.seconds)s: \(if .heapAfterGcBytes then (.heapAfterGcBytes / 1048576 * 10 | round / 10) else "NA" end), \(if .gcLiveDataBytes then (.gcLiveDataBytes / 1048576 * 10 | round / 10) else "NA" end), \(.openFiles // "NA"), \(.threads // "NA"), \(if .residentBytes then (.residentBytes / 1048576 | round) else "NA" end), \(.serverConnections // "NA"), \(.loaderConnections), \(.replaced)"' \
				"$RESULT" 2>/dev/null || true
		fi
		echo
		if ((${#WHY[@]} == 0)); then
			echo "SOAK CLEAN"
		else
			echo "SOAK NOT CLEAN:"
			local w
			for w in "${WHY[@]}"; do echo "  - $w"; done
		fi
		echo "raw: $RESULT; logs: $OUT/logs/"
	} >"$md"
}

main() {
	((CLIENTS >= 1)) || die "CLIENTS must be at least 1"
	((DURATION > SAMPLE_FROM)) || die "DURATION ($DURATION) must be longer than SAMPLE_FROM ($SAMPLE_FROM)"
	local -a ports=("$PUBLISHER_PORT" "$NODE_PORT")
	[[ $WARREN_EDGE == 1 ]] && ports+=("$NODE_EDGE_PORT")
	check_ports "${ports[@]}"

	STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	mkdir -p "$OUT/logs" "$OUT/run"
	OUT=$(cd "$OUT" && pwd)
	RESULT=$OUT/soak.json

	trap cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM

	# The loader and the node each hold CLIENTS sockets and more while replacing.
	ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
	(($(ulimit -n) > CLIENTS + 1000)) || die "open-files limit $(ulimit -n) is too low for $CLIENTS connections"
	JAVA=$(pick_java || true)
	[[ -n $JAVA && -x $JAVA ]] || die "no java found (looked for /usr/lib/jvm/*25* and java on PATH)"
	[[ -x $(dirname "$JAVA")/jcmd ]] || die "no jcmd beside $JAVA: the heap samples need a JDK"
	command -v jq >/dev/null || command -v python3 >/dev/null || die "need jq or python3 to read the result"
	log "output: $OUT (java: $JAVA, open files: $(ulimit -n))"

	# The token secret goes to the loader as a file, not on its command line.
	WARREN_JWT_SECRET=${WARREN_JWT_SECRET:-$(head -c 48 /dev/urandom | base64 | tr -d '\n')}
	((${#WARREN_JWT_SECRET} >= 32)) || die "WARREN_JWT_SECRET must be at least 32 characters"
	SECRET_FILE=$OUT/run/jwt-secret
	(umask 077 && printf '%s' "$WARREN_JWT_SECRET" >"$SECRET_FILE")
	WARREN_ADMIN_TOKEN=${WARREN_ADMIN_TOKEN:-$(head -c 32 /dev/urandom | base64 | tr -d '\n')}
	export WARREN_ADMIN_TOKEN

	build
	ensure_rabbitmq
	start_services
	run_loader
	judge
	write_summary
	echo
	cat "$OUT/summary.txt"
	if ((LOAD_RC != 0 && LOAD_RC != 3)) && [[ ! -s $RESULT ]]; then
		exit 1
	fi
	((${#WHY[@]} == 0)) || exit 3
}

main "$@"
