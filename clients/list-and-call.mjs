#!/usr/bin/env node
// Usage: node clients/list-and-call.mjs <url> <tool> <json-args>
//
// A real MCP client against a Streamable HTTP endpoint (the bridge's /mcp, or any server): the TypeScript SDK's
// Client over StreamableHTTPClientTransport initializes, lists the tools (every page), calls one tool with the given
// arguments and prints what it got: server info, tool names, each progress and log notification as it arrives, the
// result. Exits 1 when anything fails, the tool is not listed, or the result has isError: true.
// Environment: MCP_TIMEOUT_MS (default 60000), reset by each progress notification, as the spec allows.
// Install its dependencies first: npm ci --prefix clients
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const [url, tool, jsonArgs = '{}'] = process.argv.slice(2);
if (!url || !tool) {
  console.error('usage: list-and-call.mjs <url> <tool> <json-args>');
  process.exit(2);
}
const args = JSON.parse(jsonArgs);
const timeout = Number(process.env.MCP_TIMEOUT_MS ?? 60000);

const client = new Client({ name: 'mcp-bridge-ci-sdk-client', version: '1.0.0' });
client.onerror = (error) => console.error(`transport error: ${error.message ?? error}`);
client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) =>
  console.log(`log ${notification.params.level}: ${JSON.stringify(notification.params.data)}`));
const transport = new StreamableHTTPClientTransport(new URL(url));

async function listAllTools() {
  const tools = [];
  let cursor;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

async function main() {
  await client.connect(transport);
  const server = client.getServerVersion();
  console.log(`initialized: ${server?.name} ${server?.version}, session ${transport.sessionId ?? '(none)'}`);

  const tools = await listAllTools();
  console.log(`tools (${tools.length}): ${tools.map((t) => t.name).join(', ')}`);
  if (!tools.some((t) => t.name === tool)) {
    throw new Error(`tool ${tool} is not listed`);
  }

  const started = Date.now();
  const result = await client.callTool({ name: tool, arguments: args }, undefined, {
    timeout,
    resetTimeoutOnProgress: true,
    onprogress: (p) => console.log(`progress ${p.progress}${p.total === undefined ? '' : `/${p.total}`}`
      + `${p.message ? ` ${p.message}` : ''} (+${Date.now() - started} ms)`),
  });
  console.log(`result of ${tool} (${Date.now() - started} ms): ${JSON.stringify(result)}`);
  if (result.isError) {
    throw new Error(`${tool} returned isError: true`);
  }
  // Ends the session (DELETE); a server without sessions or that refuses with 405 is fine too.
  await transport.terminateSession();
}

try {
  await main();
  await client.close();
  console.log('OK');
} catch (error) {
  console.error(`FAILED: ${error.message ?? error}`);
  await client.close().catch(() => {});
  process.exit(1);
}
