import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { Agent, Runner } from '@openai/agents';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoModelProvider } from '../models/index.js';
import type { AgentRunContext } from '../runtime/run-context.js';
import { createMcpServerPool, type McpServerPool } from './mcp-server-pool.js';
import { parseMcpToolsSetting } from './parse-mcp-tools-setting.js';
import { type FixtureCall, registerFixtureTools } from './test-fixtures/fixture-tools.mjs';

const context: AgentRunContext = {
  runId: 'run_1',
  tenantId: null,
  userId: null,
  conversationId: null,
  requestMessage: '',
  environment: 'test',
};
const spec = { key: 'assistant', toolKeys: ['files'] };

let mcp: FixtureHttpMcpServer;
let pool: McpServerPool;
let runner: Runner;

beforeAll(async () => {
  mcp = await startFixtureHttpMcpServer();
  pool = createMcpServerPool(
    parseMcpToolsSetting([
      {
        name: 'files',
        server_label: 'http_files',
        transport: 'streamable_http',
        url: mcp.url,
        headers: { 'x-api-key': 'fixture-key' },
        require_approval: 'always',
        allowed_tools: ['add', 'echo', 'delete_file', 'secret'],
        auto_approve_tools: ['add'],
        deny_tools: ['secret'],
      },
    ]),
  );
  await pool.connect();
});

afterAll(async () => {
  await pool.close();
  await mcp.close();
});

beforeEach(() => {
  runner = new Runner({ modelProvider: createDemoModelProvider(), tracingDisabled: true });
});

async function buildAgent() {
  const [entry] = pool.registryEntries();
  if (entry === undefined) throw new Error('no entry');
  const contribution = await entry.build(spec, context);
  return new Agent<AgentRunContext>({
    name: 'assistant',
    instructions: 'Use the tools.',
    mcpServers: [...(contribution.mcpServers ?? [])],
    tools: [...(contribution.tools ?? [])],
  });
}

const executed = () => mcp.calls.map((call) => call.tool);

describe('local MCP over Streamable HTTP', () => {
  it('connects with the configured headers and offers only allowed, not denied tools', async () => {
    expect(mcp.requestHeaders.some((headers) => headers['x-api-key'] === 'fixture-key')).toBe(true);
    const listed = (await pool.server('files')?.listTools())?.map((tool) => tool.name);
    expect(listed).toEqual(expect.arrayContaining(['add', 'echo', 'whoami', 'secret', 'call_log']));

    const [entry] = pool.registryEntries();
    expect(entry).toMatchObject({ key: 'files', kind: 'local_mcp', provider: 'http_files' });
    const contribution = await entry?.build(spec, context);
    // Approvals are required, so the tools come as function tools carrying needsApproval.
    expect(contribution?.mcpServers).toBeUndefined();
    expect(contribution?.tools?.map((tool) => tool.name).sort()).toEqual(['add', 'delete_file', 'echo']);
  });

  it('an auto-approved tool runs without interrupting and its result reaches the model', async () => {
    const result = await runner.run(await buildAgent(), 'use tool add {"a": 20, "b": 22}', { context });
    expect(result.interruptions).toEqual([]);
    expect(result.finalOutput).toContain('The tool add returned');
    expect(result.finalOutput).toContain('42');
    expect(mcp.calls).toContainEqual({ tool: 'add', args: { a: 20, b: 22 } });
  });

  it('a tool needing approval interrupts the run; approving resumes and executes it', async () => {
    const agent = await buildAgent();
    const first = await runner.run(agent, 'use tool echo {"message": "approved hello"}', { context });
    expect(first.interruptions).toHaveLength(1);
    const [approval] = first.interruptions;
    expect(approval?.name).toBe('echo');
    expect(executed()).not.toContain('echo');
    if (approval === undefined) throw new Error('no interruption');

    first.state.approve(approval);
    const resumed = await runner.run(agent, first.state, { context });
    expect(resumed.interruptions).toEqual([]);
    expect(resumed.finalOutput).toContain('echo: approved hello');
    expect(mcp.calls).toContainEqual({ tool: 'echo', args: { message: 'approved hello' } });
  });

  it('a rejected approval does not execute the tool and the model hears why', async () => {
    const agent = await buildAgent();
    const first = await runner.run(agent, 'use tool delete_file {"path": "/tmp/x"}', { context });
    const [approval] = first.interruptions;
    if (approval === undefined) throw new Error('no interruption');

    first.state.reject(approval, { message: 'Not auto-approved' });
    const resumed = await runner.run(agent, first.state, { context });
    expect(resumed.finalOutput).toContain('Not auto-approved');
    expect(executed()).not.toContain('delete_file');
  });

  it('a denied tool is not offered, so the model cannot run it', async () => {
    const result = await runner.run(await buildAgent(), 'use tool secret {}', { context });
    expect(result.newItems.filter((item) => item.type === 'tool_call_item')).toHaveLength(0);
    expect(executed()).not.toContain('secret');
  });
});

/** A real MCP server on Streamable HTTP (127.0.0.1, ephemeral port), one McpServer per session. */
interface FixtureHttpMcpServer {
  /** `http://127.0.0.1:<port>/mcp` */
  readonly url: string;
  /** Every tool execution, in order. */
  readonly calls: readonly FixtureCall[];
  /** Headers of every request received (lower-cased names). */
  readonly requestHeaders: readonly Readonly<Record<string, string | string[] | undefined>>[];
  close(): Promise<void>;
}

/** Starts the fixture server in this process. */
async function startFixtureHttpMcpServer(): Promise<FixtureHttpMcpServer> {
  const calls: FixtureCall[] = [];
  const requestHeaders: Record<string, string | string[] | undefined>[] = [];
  const sessions = new Map<string, StreamableHTTPServerTransport>();

  const http = createServer((req, res) => {
    void (async () => {
      requestHeaders.push({ ...req.headers });
      const body = req.method === 'POST' ? await readJson(req) : undefined;
      const sessionId = req.headers['mcp-session-id'];
      let transport = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
      if (transport === undefined) {
        if (!isInitializeRequest(body)) {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"no session"}');
          return;
        }
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => {
            sessions.set(id, created);
          },
        });
        const server = new McpServer({ name: 'fixture-http', version: '1.0.0' });
        registerFixtureTools(server, calls);
        await server.connect(created);
        transport = created;
      }
      await transport.handleRequest(req, res, body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/mcp`,
    calls,
    requestHeaders,
    close: async () => {
      await Promise.allSettled([...sessions.values()].map((transport) => transport.close()));
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}
