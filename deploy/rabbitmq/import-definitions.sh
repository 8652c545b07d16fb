#!/bin/sh
# Imports Warren's RabbitMQ definitions through the management API. The definitions name
# the application user's password as ${WARREN_RABBITMQ_PASSWORD}; it is filled in here, from
# the environment, so no secret is stored in the repository.
#
# Environment: RABBITMQ_ADMIN_USER, RABBITMQ_ADMIN_PASSWORD, WARREN_RABBITMQ_PASSWORD,
# RABBITMQ_MANAGEMENT_URL (default http://rabbitmq:15672), DEFINITIONS (default /definitions.json).
set -eu
url=${RABBITMQ_MANAGEMENT_URL:-http://rabbitmq:15672}
definitions=${DEFINITIONS:-/definitions.json}
: "${WARREN_RABBITMQ_PASSWORD:?WARREN_RABBITMQ_PASSWORD is not set}"
# The password goes into a JSON string: refuse what would need escaping rather than break it.
case $WARREN_RABBITMQ_PASSWORD in
*\"* | *\\* | *"|"* | *"&"*)
	echo "WARREN_RABBITMQ_PASSWORD must not contain \", \\, | or &" >&2
	exit 1
	;;
esac
rendered=$(mktemp)
trap 'rm -f "$rendered"' EXIT
sed "s|\${WARREN_RABBITMQ_PASSWORD}|$WARREN_RABBITMQ_PASSWORD|" "$definitions" >"$rendered"
# The management API may answer a little after the broker's health check passes: retry.
curl -fsS --retry 10 --retry-connrefused --retry-delay 3 \
	-u "$RABBITMQ_ADMIN_USER:$RABBITMQ_ADMIN_PASSWORD" \
	-H 'content-type: application/json' -X POST --data-binary @"$rendered" "$url/api/definitions"
echo "RabbitMQ definitions imported into $url"
