#!/usr/bin/env bash
# Usage: .ci/mcp-clients.sh <base-url>   e.g. .ci/mcp-clients.sh http://localhost:3003
#
# Real MCP clients against the bridge's Streamable HTTP endpoint of a running standalone stack started with
# --conformance-fixture=true and --upstream.everything=... (see .ci/run):
#   1. the MCP conformance suite (active server scenarios) against the fixture upstream, printing its table, then the
#      alpha suite's scenarios of revision 2026-07-28 (failing only on the scenarios it scores);
#   2. the TypeScript SDK client and the MCP Inspector CLI listing and calling tools against home-sim (/mcp) and
#      against server-everything (/mcp/u/everything), including a long-running call whose progress must stream;
#   3. the TypeScript SDK client running a task-augmented call (MCP tasks) against both.
# Exits non-zero on the first failure.
set -euo pipefail
base=$1
repo=$(cd "$(dirname "$0")/.." && pwd)

echo "=== MCP conformance suite against the fixture upstream ($base/mcp/u/conformance)"
"$repo/.ci/conformance.sh" "$base/mcp/u/conformance"
echo "=== MCP conformance suite, revision 2026-07-28 (alpha), against the fixture upstream"
CONFORMANCE_REVISION=2026-07-28 CONFORMANCE_RESULTS="$repo/target/conformance-results-2026" \
  "$repo/.ci/conformance.sh" "$base/mcp/u/conformance"

echo "=== TypeScript SDK client and MCP Inspector CLI"
"$repo/clients/inspector-check.sh" "$base/mcp" get_entity_state '{"entity_id":"light.kitchen"}'
node "$repo/clients/list-and-call.mjs" "$base/mcp" call_service \
  '{"domain":"light","service":"turn_on","entity_id":"light.kitchen","data":{"brightness":120}}'
"$repo/clients/inspector-check.sh" "$base/mcp/u/everything" echo '{"message":"through the bridge"}'
progress_log=$(mktemp)
node "$repo/clients/list-and-call.mjs" "$base/mcp/u/everything" trigger-long-running-operation \
  '{"duration":3,"steps":3}' | tee "$progress_log"
# The progress lines must arrive while the call runs, i.e. before its result line.
if ! awk '/^progress /{p++} /^result of /{r=NR; exit} END{exit !(p>=3 && r>0)}' "$progress_log"; then
  echo "expected 3 progress notifications before the result of trigger-long-running-operation" >&2
  exit 1
fi
echo "=== TypeScript SDK client: a task-augmented call (MCP tasks, served by the gateways from Redis)"
node "$repo/clients/task-call.mjs" "$base/mcp" get_entity_state '{"entity_id":"light.kitchen"}'
node "$repo/clients/task-call.mjs" "$base/mcp/u/everything" echo '{"message":"as a task"}'
echo "=== MCP clients: all passed"
