# syntax=docker/dockerfile:1.7
# The gateway image. Build from the repository root:
#   docker build -f docker/gateway.Dockerfile -t mcp-bridge/gateway .
# Not built in this repository's CI (its machines have no Docker engine); deploy-tests checks this
# file statically (stages, non-root USER, HEALTHCHECK, EXPOSE).

# 1. Build the gateway's executable jar with the project's Maven wrapper.
FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl gateway -am package -DskipTests \
 && cp gateway/target/mcp-bridge-gateway-*-exec.jar /app.jar

# 2. Split it into Spring Boot's layers: dependencies change rarely, the application often, so an
#    upgrade pulls only the last layer.
FROM eclipse-temurin:17-jre-jammy AS layers
WORKDIR /layers
COPY --from=build /app.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# 3. The runtime: a JRE, curl for the health check, a non-root user, one layer per Boot layer.
FROM eclipse-temurin:17-jre-jammy
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 bridge \
 && useradd --system --uid 10001 --gid bridge --home-dir /app --shell /usr/sbin/nologin bridge
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001:10001
ENV PORT=3003 \
    MANAGEMENT_SERVER_PORT=9090 \
    LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# Logs: one ECS JSON object per line (trace id, request id, tenant included); unset for text.
# 3003: the REST API, /mcp and the seed's /health; 9090: probes (/actuator/health/*) and /metrics.
EXPOSE 3003 9090
# The seed's health check: Kafka and Redis reachable.
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD curl -fsS "http://localhost:${PORT}/health" > /dev/null || exit 1
# exec form: the JVM is PID 1 and gets SIGTERM itself (graceful shutdown); arguments such as
# --config=/etc/mcp-bridge/config/bridge.yaml are appended.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
