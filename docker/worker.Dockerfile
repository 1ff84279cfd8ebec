# syntax=docker/dockerfile:1.7
# The worker image: the worker, home-sim (its default upstream) and Node.js for upstreams started with
# node or npx. Build from the repository root:
#   docker build -f docker/worker.Dockerfile -t mcp-bridge/worker .
# Another upstream's runtime (Python, a Go binary...): add a stage FROM this image that installs it
# (as root, then USER 10001 again), and list the upstream in bridge.upstreams (Helm value `upstreams`).
# Not built in this repository's CI (no Docker engine there); deploy-tests checks it statically.

# 1. Build the worker's executable jar and home-sim's shaded jar.
FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl worker,home-sim -am package -DskipTests \
 && cp worker/target/mcp-bridge-worker-*-exec.jar /app.jar \
 && cp home-sim/target/mcp-bridge-home-sim-*-all.jar /home-sim.jar

# 2. Spring Boot's layers.
FROM eclipse-temurin:17-jre-jammy AS layers
WORKDIR /layers
COPY --from=build /app.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# 3. Node.js 20 (node, npm, npx) from the official image, for MCP servers published on npm.
FROM node:20-bookworm-slim AS node

# 4. The runtime.
FROM eclipse-temurin:17-jre-jammy
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 bridge \
 && useradd --system --uid 10001 --gid bridge --home-dir /app --shell /usr/sbin/nologin bridge
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npx --version
WORKDIR /app
COPY --from=build /home-sim.jar /app/home-sim.jar
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001:10001
# npx caches packages under HOME: /tmp, writable even with a read-only root file system (Helm mounts
# an emptyDir there).
ENV HOME=/tmp \
    PORT=8081 \
    MANAGEMENT_SERVER_PORT=9090 \
    HOME_SIM_CLASSPATH=/app/home-sim.jar \
    LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50"
# 9090: probes (/actuator/health/*) and /metrics. The worker takes no traffic: Kafka feeds it.
EXPOSE 9090
# Ready: Kafka and Redis reachable and at least one upstream process live.
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD curl -fsS "http://localhost:${MANAGEMENT_SERVER_PORT}/actuator/health/readiness" > /dev/null || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
