#!/usr/bin/env bash
# Usage: clients/inspector-check.sh <url> <tool> <json-args>
#
# The MCP Inspector's CLI (@modelcontextprotocol/inspector-cli, pinned in package.json) against a Streamable HTTP
# endpoint: lists the tools, checks <tool> is among them, calls it with the JSON object's members as arguments and
# prints both answers. Exits non-zero when a step fails or the result has isError: true.
# Installs the pinned clients (npm ci) on first use.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 <url> <tool> <json-args>" >&2
  exit 2
fi
url=$1
tool=$2
json_args=${3:-"{}"}
here=$(cd "$(dirname "$0")" && pwd)
cli="$here/node_modules/@modelcontextprotocol/inspector-cli/build/cli.js"
if [ ! -f "$cli" ]; then
  npm ci --prefix "$here" --no-audit --no-fund >&2
fi

# inspector-cli 1.0.3 picks the package.json it reads its client name from with a path relative to the working
# directory ("../package.json"): run it where that exists (clients/node_modules, whose parent is clients/).
cd "$here/node_modules"

tools=$(node "$cli" --cli "$url" --transport http --method tools/list)
node -e '
  const [tools, tool] = [JSON.parse(process.argv[1]).tools, process.argv[2]];
  console.log(`tools/list (${tools.length}): ${tools.map((t) => t.name).join(", ")}`);
  if (!tools.some((t) => t.name === tool)) { console.error(`tool ${tool} is not listed`); process.exit(1); }
' "$tools" "$tool"

# The CLI takes arguments as --tool-arg key=value and JSON-parses each value: give it every value as JSON, so a string
# such as "123" stays a string.
mapfile -t tool_args < <(node -e '
  for (const [key, value] of Object.entries(JSON.parse(process.argv[1]))) {
    console.log(`${key}=${JSON.stringify(value)}`);
  }
' "$json_args")
cli_args=()
for pair in "${tool_args[@]}"; do
  cli_args+=(--tool-arg "$pair")
done

echo "tools/call $tool $json_args:"
result=$(node "$cli" --cli "$url" --transport http --method tools/call --tool-name "$tool" "${cli_args[@]}")
echo "$result"
node -e '
  const result = JSON.parse(process.argv[1]);
  if (result.isError) { console.error(`${process.argv[2]} returned isError: true`); process.exit(1); }
' "$result" "$tool"
echo "OK"
