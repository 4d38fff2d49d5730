import { Agent, type Runner } from '@openai/agents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentRunContext } from '../runtime/run-context.js';
import {
  createOpenAiTestRunner,
  createOpenAiTestServer,
  mcpApprovalRequestTurn,
  mcpCallTurn,
  type OpenAiTestServer,
  textTurn,
} from '../testing/openai-server/index.js';
import { createHostedMcpEntry } from './hosted-mcp-entry.js';
import { mcpToolRegistryEntries } from './mcp-registry-entries.js';
import { createMcpServerPool } from './mcp-server-pool.js';
import type { HostedMcpToolConfig } from './mcp-tool-config.js';
import { parseMcpToolsSetting } from './parse-mcp-tools-setting.js';

const context: AgentRunContext = {
  runId: 'run_1',
  tenantId: null,
  userId: null,
  conversationId: null,
  requestMessage: '',
  environment: 'test',
};
const spec = { key: 'assistant', toolKeys: ['drive'] };

const [drive] = parseMcpToolsSetting([
  {
    name: 'drive',
    server_label: 'drive',
    server_url: 'https://mcp.example.com/mcp',
    authorization: 'secret-token',
    description: 'The team drive.',
    allowed_tools: ['search', 'delete_file', 'rename'],
    auto_approve_tools: ['search'],
    deny_tools: ['delete_file'],
  },
]) as [HostedMcpToolConfig];

let server: OpenAiTestServer;
let runner: Runner;

beforeEach(async () => {
  server = await createOpenAiTestServer();
  runner = createOpenAiTestRunner(server);
});

afterEach(async () => {
  expect(server.pendingTurns()).toBe(0);
  await server.close();
});

async function agentWith(config: HostedMcpToolConfig) {
  const contribution = await createHostedMcpEntry(config).build(spec, context);
  return new Agent<AgentRunContext>({
    name: 'assistant',
    instructions: 'Use the drive.',
    model: 'gpt-4.1',
    tools: [...(contribution.tools ?? [])],
  });
}

function inputOf(call: number): unknown[] {
  const body = server.responseRequests()[call]?.body as { input?: unknown[] } | undefined;
  if (body?.input === undefined) throw new Error(`responses call #${call + 1} has no input`);
  return body.input;
}

async function approvalRound(toolName: string, followUp = textTurn('Done.')) {
  server.enqueue(
    mcpApprovalRequestTurn({ serverLabel: 'drive', name: toolName, arguments: { id: 'f1' }, id: 'mcpr_1' }),
    followUp,
  );
  const result = await runner.run(await agentWith(drive), `Please ${toolName} f1`, { context });
  return { result, response: inputOf(1).find(isApprovalResponse) };
}

function isApprovalResponse(item: unknown): boolean {
  return (
    typeof item === 'object' && item !== null && (item as { type?: unknown }).type === 'mcp_approval_response'
  );
}

describe('hosted MCP entry', () => {
  it('sends the configured server as an mcp tool definition', async () => {
    server.enqueue(textTurn('Hello.'));
    await runner.run(await agentWith(drive), 'hi', { context });
    const body = server.responseRequests()[0]?.body as { tools?: unknown[] };
    expect(body.tools).toEqual([
      expect.objectContaining({
        type: 'mcp',
        server_label: 'drive',
        server_url: 'https://mcp.example.com/mcp',
        server_description: 'The team drive.',
        allowed_tools: { tool_names: ['search', 'delete_file', 'rename'] },
        require_approval: 'always',
      }),
    ]);
  });

  it('a denied tool is refused with "Denied by policy" without interrupting the run', async () => {
    const { result, response } = await approvalRound('delete_file');
    expect(result.interruptions).toEqual([]);
    expect(result.finalOutput).toBe('Done.');
    expect(response).toMatchObject({
      approval_request_id: 'mcpr_1',
      approve: false,
      reason: 'Denied by policy',
    });
  });

  it('an auto-approved tool is approved and the API runs it', async () => {
    const { result, response } = await approvalRound(
      'search',
      mcpCallTurn({
        serverLabel: 'drive',
        name: 'search',
        arguments: { id: 'f1' },
        output: 'found f1',
        approvalRequestId: 'mcpr_1',
        answer: 'Found it.',
      }),
    );
    expect(response).toMatchObject({ approval_request_id: 'mcpr_1', approve: true });
    expect(result.finalOutput).toBe('Found it.');
  });

  it('any other tool is refused as "Not auto-approved"', async () => {
    const { response } = await approvalRound('rename');
    expect(response).toMatchObject({ approve: false, reason: 'Not auto-approved' });
  });

  it('maps a per-tool require_approval map and "never" to the SDK shapes', async () => {
    const [mapped, never] = parseMcpToolsSetting([
      {
        name: 'a',
        server_label: 'a',
        server_url: 'https://a.example.com',
        require_approval: { read: 'never', write: 'always' },
      },
      {
        name: 'b',
        server_label: 'b',
        connector_id: 'connector_gmail',
        authorization: 'tok',
        require_approval: 'never',
      },
    ]) as [HostedMcpToolConfig, HostedMcpToolConfig];
    const tools = [
      ...((await createHostedMcpEntry(mapped).build(spec, context)).tools ?? []),
      ...((await createHostedMcpEntry(never).build(spec, context)).tools ?? []),
    ];
    expect(tools.map((tool) => (tool as { providerData?: unknown }).providerData)).toEqual([
      expect.objectContaining({
        server_label: 'a',
        require_approval: { always: { tool_names: ['write'] }, never: { tool_names: ['read'] } },
      }),
      expect.objectContaining({
        server_label: 'b',
        connector_id: 'connector_gmail',
        authorization: 'tok',
        require_approval: 'never',
      }),
    ]);
  });

  it('describes itself for the catalog without the authorization token', () => {
    const entry = createHostedMcpEntry(drive);
    expect(entry).toMatchObject({ key: 'drive', category: 'mcp', kind: 'hosted_mcp', provider: 'drive' });
    expect(JSON.stringify(entry.defaults)).not.toContain('secret-token');
  });
});

describe('mcpToolRegistryEntries', () => {
  it('registers hosted entries only when an OpenAI key is configured', () => {
    expect(mcpToolRegistryEntries([drive], { openAiConfigured: false })).toEqual([]);
    expect(mcpToolRegistryEntries([drive], { openAiConfigured: true }).map((entry) => entry.key)).toEqual([
      'drive',
    ]);
  });

  it("registers the pool's local servers with or without a key", () => {
    const configs = parseMcpToolsSetting([
      { name: 'drive', server_label: 'drive', server_url: 'https://mcp.example.com/mcp' },
      { name: 'local', transport: 'stdio', command: 'node' },
    ]);
    const pool = createMcpServerPool(configs);
    expect(
      mcpToolRegistryEntries(configs, { openAiConfigured: false, pool }).map((entry) => entry.key),
    ).toEqual(['local']);
    expect(
      mcpToolRegistryEntries(configs, { openAiConfigured: true, pool }).map((entry) => [
        entry.key,
        entry.kind,
      ]),
    ).toEqual([
      ['drive', 'hosted_mcp'],
      ['local', 'local_mcp'],
    ]);
  });
});
