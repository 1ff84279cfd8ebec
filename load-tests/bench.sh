#!/usr/bin/env bash
# The benchmark harness (io.mcpbridge.loadtests.bench.Bench), one command: builds the jars it runs (a reactor
# `package`, never `install`: the local Maven repository is left alone), installs the peer (mcp-proxy, npm) and the
# shared upstream (server-everything) into load-tests/target/peers, then measures interleaved: direct stdio, the
# bridge's REST and MCP endpoints on home-sim, the bridge and mcp-proxy side by side on server-everything's echo with
# a unique message per call, then the 1/2/4-worker scaling run. Prints the tables, the bridge / mcp-proxy summary last.
# Usage: load-tests/bench.sh [--name=value ...]   (load-tests/bench.sh --help lists the options)
# BENCH_SKIP_BUILD=1 skips the build (jars already packaged). Writes load-tests/results/<machine>-<date>.json; about
# 8 minutes with the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
MCP_PROXY_VERSION=6.7.19
EVERYTHING_VERSION=2026.8.31
if [ "${1:-}" = --help ]; then
  exec ./mvnw -B -q -pl load-tests compile exec:java -Dexec.args="--help"
fi
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -pl standalone,worker,home-sim,load-tests -am package -DskipTests
fi
peers=load-tests/target/peers
if [[ " $* " != *" --peer=false "* ]] \
  && { [ ! -f "$peers/node_modules/mcp-proxy/package.json" ] \
    || ! grep -q "\"version\": \"$MCP_PROXY_VERSION\"" "$peers/node_modules/mcp-proxy/package.json"; }; then
  npm install --no-audit --no-fund --silent --prefix "$peers" "mcp-proxy@$MCP_PROXY_VERSION" \
    "@modelcontextprotocol/server-everything@$EVERYTHING_VERSION"
fi
args=("--repo=$PWD" "$@")
exec ./mvnw -B -q -pl load-tests compile exec:java -Dexec.args="${args[*]}"
