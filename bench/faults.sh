#!/usr/bin/env bash
# Warren's fault suite: one JSON line per fault scenario.
#
# Usage: bench/faults.sh
#
# Starts a RabbitMQ node of its own (faults@localhost, AMQP on 127.0.0.1:5682, files under
# e2e-tests/target/faults/rabbitmq; the machine's broker on 5672 is never touched),
# publisher-service (its database, the test MariaDB, behind a TCP proxy the suite cuts) and
# two socket nodes from their jars, then runs each scenario while a producer with publisher
# confirms sends 200 msg/s to four clients (half on each node, each following its private
# channel and a topic) that reconnect by themselves:
#
#   none                 no fault: the baseline
#   rabbitmq-restart     the broker is stopped and started again mid-stream
#   publisher-kill-9     publisher-service killed and started again
#   node-sigterm         a socket node is stopped (drain); its clients reconnect WITHOUT positions
#   node-kill-9          a socket node is killed; its clients resume with warren-since
#   database-cut-40s     the database is unreachable for 40 s (HTTP and readiness probed meanwhile)
#   client-offline-30s   a client disconnects for 30 s and comes back with warren-since
#   slow-reader          500 msg/s of 4 KB to five clients on one node, one of which stops reading
#
# Every line has sent, confirmed, delivered, lost, duplicates, duplicatesAfterDedupe,
# reordered, wrongClient, continuityLost and recoverySeconds (the longest any message arrived
# after the fault's end, or after it was due when that was later). The suite fails when a
# scenario loses an accepted message, delivers one to the wrong client, leaves a duplicate
# that deduplication by warren-id cannot catch, or takes more than 5 s to recover.
#
# Environment:
#   SKIP_BUILD=1   use the jars already in */target
#   OUT=bench/results/<UTC timestamp>-faults.jsonl   where the lines are copied
# Needs: rabbitmq-server (run as root or as the rabbitmq user), MariaDB on 127.0.0.1:3306.
# Takes about 5 minutes.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -n ${OUT:-} && $OUT != /* ]]; then OUT=$PWD/$OUT; fi
OUT=${OUT:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-faults.jsonl}
cd "$ROOT"

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
	./mvnw -B -q install -DskipTests
fi
results=e2e-tests/target/faults/results.jsonl
rm -f "$results"
status=0
./mvnw -B verify -pl e2e-tests -Pfaults || status=$?
mkdir -p "$(dirname "$OUT")"
if [[ -f $results ]]; then
	cp "$results" "$OUT"
	echo
	echo "Results ($OUT):"
	cat "$OUT"
fi
exit $status
