#!/usr/bin/env bash
# The benchmark harness (io.mcpbridge.loadtests.bench.Bench): direct stdio vs the REST API vs an MCP endpoint, then
# the 1/2/4-worker scaling run. Needs the jars: ./mvnw -B -q -DskipTests install
# Usage: load-tests/bench.sh [--name=value ...]   (load-tests/bench.sh --help lists the options)
# Writes load-tests/results/<machine>-<date>.json; takes about 4 minutes with the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
for jar in standalone/target/mcp-bridge-standalone-0.1.0-SNAPSHOT.jar worker/target/mcp-bridge-worker-0.1.0-SNAPSHOT-exec.jar \
  home-sim/target/mcp-bridge-home-sim-0.1.0-SNAPSHOT-all.jar; do
  [ -f "$jar" ] || { echo "missing $jar: run ./mvnw -B -q -DskipTests install first" >&2; exit 2; }
done
args=("--repo=$PWD" "$@")
exec ./mvnw -B -q -pl load-tests compile exec:java -Dexec.args="${args[*]}"
