#!/usr/bin/env bash
# Runs the whole system in one process: an embedded Kafka (KRaft) broker, Redis (the one on
# localhost:6379 if it answers, else an embedded redis-server), a worker with home-sim as its MCP
# upstream, and the gateway on http://localhost:3003. Builds first when the sources changed.
# Options are passed through, e.g. ./run.sh --port=8080 --home-latency-ms=50
set -euo pipefail
cd "$(dirname "$0")"
jar=standalone/target/mcp-bridge-standalone-0.1.0-SNAPSHOT.jar
if [ ! -f "$jar" ] || [ -n "$(find . \( -path ./.git -o -name target -o -name node_modules \) -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.yaml' -o -name '*.xml' \) -newer "$jar" -print -quit)" ]; then
  echo "building mcp-bridge (first run downloads dependencies; later runs skip this)..."
  ./mvnw -B -q -DskipTests -pl standalone -am package
fi
exec java -jar "$jar" "$@"
