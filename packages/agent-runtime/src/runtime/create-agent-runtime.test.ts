import { checkStreamInvariants, type PublicSseEvent } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createInMemorySessionStore } from '../memory/in-memory-session-store.js';
import { AgentRegistryError } from '../specs/agent-registry-error.js';
import { defineAgent } from '../specs/define-agent.js';
import { defineFunctionTool, functionToolEntry } from '../tools/define-function-tool.js';
import type { AgentRunRequest } from './agent-run-request.js';
import { type AgentRuntime, createAgentRuntime } from './create-agent-runtime.js';
import type { ModelUsageReport } from './model-usage.js';

const TENANT = '33333333-3333-4333-8333-333333333333';
const CONVERSATION = '44444444-4444-4444-8444-444444444444';

async function collect(runtime: AgentRuntime, request: AgentRunRequest) {
  const stream = await runtime.stream({ tenantId: TENANT, userId: 'u1', ...request });
  const frames: PublicSseEvent[] = [];
  for await (const frame of stream.frames) frames.push(frame);
  expect(checkStreamInvariants(frames)).toEqual([]);
  return { frames, outcome: await stream.outcome };
}

const assistant = defineAgent({
  key: 'assistant',
  displayName: 'Assistant',
  description: 'A helpful assistant.',
  instructions: 'Help {{ user.name }} in {{ env.environment }}.',
  promptDefaults: { user: { name: 'friend' } },
  toolKeys: ['refund_order'],
});

const refunds: string[] = [];
const refundTool = defineFunctionTool({
  name: 'refund_order',
  description: 'Refunds an order.',
  parameters: z.object({ order_id: z.string() }),
  needsApproval: true,
  execute: ({ order_id }, runContext) => {
    refunds.push(`${runContext?.context.tenantId}:${order_id}`);
    return `refunded ${order_id}`;
  },
});

describe('createAgentRuntime', () => {
  it('fails at start with every problem of every agent in one error', async () => {
    const broken = defineAgent({
      key: 'broken',
      displayName: 'Broken',
      description: 'Refers to things that do not exist.',
      instructions: 'x',
      toolKeys: ['no_such_tool'],
      handoffKeys: ['nobody'],
      guardrails: { preset: 'no_such_preset' },
    });
    const error = await createAgentRuntime({ agents: [broken] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AgentRegistryError);
    const message = (error as Error).message;
    expect(message).toContain('no_such_tool');
    expect(message).toContain('nobody');
    expect(message).toContain('no_such_preset');
  });

  it('pauses on a tool that needs approval and resumes it from the saved state, any instance', async () => {
    const options = {
      agents: [assistant],
      tools: { extraEntries: [functionToolEntry(refundTool, { category: 'utility' })] },
    };
    const first = await createAgentRuntime(options);
    const paused = await collect(first, {
      agentKey: 'assistant',
      message: 'use tool refund_order {"order_id":"A1"}',
      runId: 'run_approval',
    });
    expect(paused.outcome.status).toBe('interrupted');
    expect(paused.frames.map((frame) => frame.kind)).toContain('tool.status');
    expect(refunds).toEqual([]);
    const [pending] = paused.outcome.pendingApprovals;
    expect(pending?.toolName).toBe('refund_order');

    // A second runtime (another replica, or this one after a restart) resumes from the saved state alone.
    const second = await createAgentRuntime(options);
    await expect(
      second.resume({
        agentKey: 'assistant',
        runId: 'run_approval',
        message: 'use tool refund_order {"order_id":"A1"}',
        state: paused.outcome.state as string,
        decisions: [],
        tenantId: TENANT,
      }),
    ).rejects.toThrow('decision');
    const resumed = await second.resume({
      agentKey: 'assistant',
      runId: 'run_approval',
      message: 'use tool refund_order {"order_id":"A1"}',
      state: paused.outcome.state as string,
      decisions: [{ toolCallId: pending?.toolCallId as string, approve: true }],
      tenantId: TENANT,
    });
    const frames: PublicSseEvent[] = [];
    for await (const frame of resumed.frames) frames.push(frame);
    expect(checkStreamInvariants(frames)).toEqual([]);
    expect(frames[0]?.kind).toBe('tool.approval');
    expect((await resumed.outcome).status).toBe('completed');
    expect(refunds).toEqual([`${TENANT}:A1`]);
  });

  it('keeps history per conversation and trims it before a turn with a public checkpoint', async () => {
    const sessions = createInMemorySessionStore();
    const runtime = await createAgentRuntime({
      agents: [assistant],
      sessions,
      tools: { extraEntries: [functionToolEntry(refundTool)] },
    });
    for (const message of ['first question', 'second question', 'third question'])
      await collect(runtime, { agentKey: 'assistant', message, conversationId: CONVERSATION });
    const session = sessions.session({ tenantId: TENANT as never, sessionId: CONVERSATION });
    expect((await session.getItems()).length).toBe(6);

    const { frames } = await collect(runtime, {
      agentKey: 'assistant',
      message: 'fourth question',
      conversationId: CONVERSATION,
      memoryStrategy: { mode: 'trim', maxUserTurns: 2, keepLastUserTurns: 1 },
    });
    expect(frames[0]).toMatchObject({ kind: 'memory.checkpoint', checkpoint: { strategy: 'trim' } });
    const items = await session.getItems();
    // One kept turn (question + answer) plus this turn's question and answer.
    expect(items.length).toBe(4);
  });

  it('reports every response usage through the usage port and renders prompts strictly per request', async () => {
    const usage: ModelUsageReport[] = [];
    const runtime = await createAgentRuntime({
      agents: [assistant],
      environment: 'staging',
      tools: { extraEntries: [functionToolEntry(refundTool)] },
      onUsage: (report) => usage.push(report),
    });
    const { outcome } = await collect(runtime, {
      agentKey: 'assistant',
      message: 'hello',
      runId: 'run_usage',
    });
    expect(outcome.status).toBe('completed');
    expect(usage).toEqual([expect.objectContaining({ runId: 'run_usage', model: 'gpt-5.1', requests: 1 })]);

    const strict = defineAgent({
      key: 'strict',
      displayName: 'Strict',
      description: 'Needs a variable nobody sets.',
      instructions: 'Hello {{ customer.tier }}',
    });
    const strictRuntime = await createAgentRuntime({ agents: [strict] });
    await expect(strictRuntime.stream({ message: 'hi' })).rejects.toThrow("undefined variable 'customer'");
  });
});
