#!/usr/bin/env node
// Usage: node clients/task-call.mjs <url> <tool> <json-args>
//
// A task-augmented tool call (MCP 2025-11-25 tasks) with the TypeScript SDK's client: initializes, checks that the
// server announces tasks for tools/call and that the tool's execution.taskSupport allows it, calls the tool with
// client.experimental.tasks.callToolStream (the SDK sends params.task, then polls tasks/get and fetches tasks/result),
// prints each message (taskCreated, taskStatus, result), then reads the task back with tasks/get and tasks/list.
// Exits 1 when anything fails, no task was created, or the task did not complete.
// Install its dependencies first: npm ci --prefix clients
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [url, tool, jsonArgs = '{}'] = process.argv.slice(2);
if (!url || !tool) {
  console.error('usage: task-call.mjs <url> <tool> <json-args>');
  process.exit(2);
}

const client = new Client({ name: 'mcp-bridge-ci-task-client', version: '1.0.0' });
const transport = new StreamableHTTPClientTransport(new URL(url));

async function main() {
  await client.connect(transport);
  const tasks = client.getServerCapabilities()?.tasks;
  if (!tasks?.requests?.tools?.call) {
    throw new Error(`the server does not announce task-augmented tools/call: ${JSON.stringify(tasks)}`);
  }
  const listed = (await client.listTools()).tools.find((t) => t.name === tool);
  console.log(`tool ${tool}: execution ${JSON.stringify(listed?.execution)}`);
  if (!['optional', 'required'].includes(listed?.execution?.taskSupport)) {
    throw new Error(`tool ${tool} does not allow task-augmented calls`);
  }

  let taskId;
  let result;
  const stream = client.experimental.tasks.callToolStream({ name: tool, arguments: JSON.parse(jsonArgs) },
    undefined, { task: { ttl: 60000 } });
  for await (const message of stream) {
    switch (message.type) {
      case 'taskCreated':
        taskId = message.task.taskId;
        console.log(`task created: ${taskId} ${message.task.status} ttl=${message.task.ttl} ms`);
        break;
      case 'taskStatus':
        console.log(`task status: ${message.task.status}`);
        break;
      case 'result':
        result = message.result;
        console.log(`task result: ${JSON.stringify(result)}`);
        break;
      case 'error':
        throw message.error;
      default:
        console.log(`message: ${JSON.stringify(message)}`);
    }
  }
  if (!taskId || !result) {
    throw new Error('no task was created, or it gave no result');
  }
  const task = await client.experimental.tasks.getTask(taskId);
  console.log(`tasks/get: ${task.status}`);
  if (task.status !== 'completed') {
    throw new Error(`task ${taskId} is ${task.status}, not completed`);
  }
  const page = await client.experimental.tasks.listTasks();
  if (!page.tasks.some((t) => t.taskId === taskId)) {
    throw new Error(`tasks/list does not list ${taskId}`);
  }
  console.log(`tasks/list lists ${taskId} (${page.tasks.length} on the first page)`);
  await transport.terminateSession().catch(() => {});
  await client.close();
}

main().catch((error) => {
  console.error(`task-call failed: ${error?.message ?? error}`);
  process.exit(1);
});
