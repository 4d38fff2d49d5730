import { fileURLToPath } from 'node:url';
import { Agent, getAllMcpTools, type MCPServer, Runner } from '@openai/agents';
import { isAppError } from '@starter/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoModelProvider } from '../models/index.js';
import type { AgentRunContext } from '../runtime/run-context.js';
import { createMcpServerPool, type McpServerPool } from './mcp-server-pool.js';
import { parseMcpToolsSetting } from './parse-mcp-tools-setting.js';

const fixture = fileURLToPath(new URL('./test-fixtures/stdio-server.mjs', import.meta.url));
const context: AgentRunContext = {
  runId: 'run_1',
  tenantId: null,
  userId: null,
  conversationId: null,
  requestMessage: '',
  environment: 'test',
};
const spec = { key: 'assistant', toolKeys: ['math'] };

let pool: McpServerPool;

beforeAll(async () => {
  pool = createMcpServerPool(
    parseMcpToolsSetting([
      {
        name: 'math',
        server_label: 'stdio_math',
        transport: 'stdio',
        command: process.execPath,
        args: [fixture],
        env: { FIXTURE_NAME: 'from-config' },
        require_approval: 'never',
        deny_tools: ['delete_file', 'secret'],
      },
    ]),
  );
  await pool.connect();
});

afterAll(async () => {
  await pool.close();
});

function mathServer(): MCPServer {
  const server = pool.server('math');
  if (server === undefined) throw new Error('math server missing');
  return server;
}

async function runWithEntry(message: string) {
  const [entry] = pool.registryEntries();
  if (entry === undefined) throw new Error('no entry');
  const contribution = await entry.build(spec, context);
  const agent = new Agent<AgentRunContext>({
    name: 'assistant',
    instructions: 'Use the tools.',
    mcpServers: [...(contribution.mcpServers ?? [])],
    tools: [...(contribution.tools ?? [])],
  });
  const runner = new Runner({ modelProvider: createDemoModelProvider(), tracingDisabled: true });
  return runner.run(agent, message, { context });
}

async function callLog(): Promise<string[]> {
  const [content] = await mathServer().callTool('call_log', {});
  const calls = JSON.parse(content?.type === 'text' ? String(content.text) : '[]') as { tool: string }[];
  return calls.map((call) => call.tool);
}

describe('local MCP over stdio', () => {
  it('connects and lists the real server tools', async () => {
    const names = (await mathServer().listTools()).map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['add', 'echo', 'whoami', 'delete_file', 'secret']));
  });

  it('registers a local_mcp entry that contributes the server itself when no approval is required', async () => {
    const [entry] = pool.registryEntries();
    expect(entry).toMatchObject({ key: 'math', category: 'mcp', kind: 'local_mcp', provider: 'stdio_math' });
    const contribution = await entry?.build(spec, context);
    expect(contribution?.mcpServers).toEqual([mathServer()]);
    expect(contribution?.tools).toBeUndefined();
  });

  it('hides denied tools from the agent', async () => {
    const tools = await getAllMcpTools({ mcpServers: [mathServer()] });
    const names = tools.map((tool) => tool.name);
    expect(names).toContain('add');
    expect(names).not.toContain('delete_file');
    expect(names).not.toContain('secret');
  });

  it('a demo-model run calls the MCP tool and the result reaches the model', async () => {
    const result = await runWithEntry('use tool add {"a": 2, "b": 40}');
    const outputs = result.newItems.filter((item) => item.type === 'tool_call_output_item');
    expect(outputs).toHaveLength(1);
    expect(JSON.stringify(outputs[0]?.output)).toContain('42');
    expect(result.finalOutput).toContain('The tool add returned');
    expect(result.finalOutput).toContain('42');
  });

  it('passes the configured env to the server process', async () => {
    const result = await runWithEntry('use tool whoami {}');
    expect(result.finalOutput).toContain('name=from-config');
  });

  it('a denied tool cannot be called and does not execute', async () => {
    const result = await runWithEntry('use tool delete_file {"path": "/etc/passwd"}');
    expect(result.newItems.filter((item) => item.type === 'tool_call_item')).toHaveLength(0);
    expect(await callLog()).not.toContain('delete_file');
  });
});

describe('pool start-up', () => {
  it('one failing server fails connect with an error naming it, and the others are closed', async () => {
    const failing = createMcpServerPool(
      parseMcpToolsSetting([
        { name: 'good', transport: 'stdio', command: process.execPath, args: [fixture] },
        { name: 'broken', transport: 'stdio', command: process.execPath, args: ['-e', 'process.exit(3)'] },
      ]),
      { sessionTimeoutSeconds: 10 },
    );
    const error = await failing.connect().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isAppError(error)).toBe(true);
    expect(String((error as Error).message)).toContain('"broken"');
    expect(String((error as Error).message)).not.toContain('"good"');
    await expect(failing.server('good')?.listTools()).rejects.toThrow();
  });

  it('ignores hosted entries', () => {
    const mixed = createMcpServerPool(
      parseMcpToolsSetting([
        { name: 'drive', server_label: 'drive', server_url: 'https://mcp.example.com/mcp' },
        { name: 'local', transport: 'stdio', command: 'node' },
      ]),
    );
    expect(mixed.configs.map((config) => config.name)).toEqual(['local']);
    expect(mixed.registryEntries().map((entry) => entry.key)).toEqual(['local']);
  });
});
