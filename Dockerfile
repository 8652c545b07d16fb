# syntax=docker/dockerfile:1
# One Dockerfile, one image per service: build a target.
#
#   docker build --target publisher-service -t warren/publisher-service .
#   docker build --target socket-server     -t warren/socket-server .
#   docker build --target test-sub-client   -t warren/test-sub-client .
#
# The build stage is shared (BuildKit builds it once for all three targets). Each runtime
# image holds its Spring Boot jar as extracted layers, dependencies first, so a code change
# rebuilds only the last, small layer.

ARG JAVA_VERSION=25

FROM eclipse-temurin:${JAVA_VERSION}-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl publisher-service,socket-server,test-sub-client -am package
# Boot's tools jar mode splits each executable jar by its layers.idx: libraries in
# dependencies/ and snapshot-dependencies/, Warren's own code and <module>.jar (which names
# them on its class path) in application/. The runtime stages copy them layer by layer.
RUN for module in publisher-service socket-server test-sub-client; do \
      mkdir -p /jars && cp "$module"/target/"$module"-*-exec.jar /jars/"$module".jar \
      && java -Djarmode=tools -jar /jars/"$module".jar \
        extract --layers --destination /layers/"$module" || exit 1; \
    done

FROM eclipse-temurin:${JAVA_VERSION}-jre AS runtime
# curl serves the HEALTHCHECK; the service runs as an unprivileged user.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /app --no-create-home warren \
    && mkdir -p /app && chown warren:warren /app
WORKDIR /app
# The JVM sizes its heap from the container's memory limit; an OutOfMemoryError ends the
# process so the orchestrator restarts it instead of leaving it half alive.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# SIGTERM starts Spring's graceful shutdown (socket nodes drain their sessions first).
STOPSIGNAL SIGTERM
USER 10001:10001

FROM runtime AS publisher-service
COPY --from=build /layers/publisher-service/dependencies/ ./
COPY --from=build /layers/publisher-service/snapshot-dependencies/ ./
COPY --from=build /layers/publisher-service/application/ ./
ENV SERVER_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${SERVER_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-jar", "publisher-service.jar"]

FROM runtime AS socket-server
COPY --from=build /layers/socket-server/dependencies/ ./
COPY --from=build /layers/socket-server/snapshot-dependencies/ ./
COPY --from=build /layers/socket-server/application/ ./
# 8081: Tomcat (/ws, /sockjs, Actuator); 8091: the Netty edge's /ws, where clients connect.
# A young generation capped at 64 MB: the node's garbage is short-lived, and a smaller young
# generation touches fewer heap pages between collections, ~20 % less resident memory per
# idle connection at no measured cost in fan-out (docs/benchmarks.md).
ENV SERVER_PORT=8081 WARREN_SOCKET_EDGE_PORT=8091 \
    JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS} -XX:MaxNewSize=64m"
EXPOSE 8081 8091
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${SERVER_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-jar", "socket-server.jar"]

# The load and test client: a command-line tool, no server, so no health check.
FROM runtime AS test-sub-client
COPY --from=build /layers/test-sub-client/dependencies/ ./
COPY --from=build /layers/test-sub-client/snapshot-dependencies/ ./
COPY --from=build /layers/test-sub-client/application/ ./
HEALTHCHECK NONE
ENTRYPOINT ["java", "-jar", "test-sub-client.jar"]
