import { Agent, RunState, tool } from '@openai/agents';
import { checkStreamInvariants, type PublicSseEvent } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDemoModelProvider } from '../models/demo-model-provider.js';
import type { AgentRunContext } from './run-context.js';
import type { RuntimeEvent } from './run-events.js';
import { type AgentRunOutcome, type StreamAgentRunOptions, streamAgentRun } from './stream-agent-run.js';

const context = (message: string, signal?: AbortSignal): AgentRunContext => ({
  runId: 'run_1',
  tenantId: 't1',
  userId: 'u1',
  conversationId: 'conv_1',
  requestMessage: message,
  environment: 'test',
  ...(signal ? { signal } : {}),
});

async function drain(
  options: Partial<StreamAgentRunOptions> & Pick<StreamAgentRunOptions, 'agent' | 'input'>,
) {
  const message = typeof options.input === 'string' ? options.input : 'resume';
  const events: RuntimeEvent[] = [];
  const persisted: string[] = [];
  const run = streamAgentRun({
    agentKey: 'assistant',
    context: context(message),
    modelProvider: createDemoModelProvider(),
    streamId: 'stream_1',
    onEvent: (event) => events.push(event),
    onFrame: (frame) => {
      persisted.push(frame.kind);
    },
    ...options,
  });
  const frames: PublicSseEvent[] = [];
  for await (const frame of run.frames) frames.push(frame);
  return { frames, outcome: await run.outcome, events, persisted };
}

const lookup = tool({
  name: 'lookup_order',
  description: 'Looks up an order.',
  parameters: z.object({ order_id: z.string() }),
  execute: async ({ order_id }) => `order ${order_id} shipped`,
});

const refund = tool({
  name: 'refund_order',
  description: 'Refunds an order.',
  parameters: z.object({ order_id: z.string() }),
  needsApproval: true,
  execute: async ({ order_id }) => `order ${order_id} refunded`,
});

describe('streamAgentRun', () => {
  it('streams a text answer, persists every frame before yielding it, and meters usage', async () => {
    const agent = new Agent<AgentRunContext>({ name: 'Assistant', instructions: 'Help.', model: 'gpt-5.1' });
    let persistedAtTerminal = -1;
    const persisted: string[] = [];
    const { frames, outcome, events } = await drain({
      agent,
      input: 'hello there',
      onFrame: (frame) => {
        persisted.push(frame.kind);
      },
      beforeTerminal: () => {
        persistedAtTerminal = persisted.length;
        return undefined;
      },
    });
    expect(checkStreamInvariants(frames)).toEqual([]);
    expect(frames.at(-1)?.kind).toBe('final');
    expect(persisted).toEqual(frames.map((frame) => frame.kind));
    expect(persistedAtTerminal).toBe(frames.length - 1);
    expect(outcome.status).toBe('completed');
    expect(outcome.responseText).toContain('Demo model reply to: hello there');
    const usage = events.filter((event) => event.type === 'model_usage');
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ runId: 'run_1', model: 'gpt-5.1', requests: 1 });
    const final = frames.at(-1) as Extract<PublicSseEvent, { kind: 'final' }>;
    expect(final.final.usage?.requests).toBe(1);
    expect(final.final.status).toBe('completed');
  });

  it('persists frames in batches through onFrames, each before the consumer reads it', async () => {
    const agent = new Agent<AgentRunContext>({ name: 'Assistant', instructions: 'Help.', model: 'gpt-5.1' });
    const persisted: number[] = [];
    let batches = 0;
    const run = streamAgentRun({
      agent,
      agentKey: 'assistant',
      input: 'tell me a long story about streams',
      context: context('tell me a long story about streams'),
      modelProvider: createDemoModelProvider({ tokenDelayMs: 0 }),
      streamId: 'stream_batches',
      onFrames: async (frames) => {
        batches += 1;
        await new Promise((resolve) => setTimeout(resolve, 1));
        for (const frame of frames) persisted.push(frame.event_id);
      },
    });
    const read: number[] = [];
    for await (const frame of run.frames) {
      expect(persisted).toContain(frame.event_id);
      read.push(frame.event_id);
    }
    expect(read).toEqual(persisted);
    expect(read).toEqual(Array.from({ length: read.length }, (_, index) => index + 1));
    // The run reads ahead while a batch is written: later batches carry several frames.
    expect(batches).toBeLessThan(read.length);
    expect((await run.outcome).status).toBe('completed');
  });

  it('ends the consumer and fails the outcome when projecting the terminal throws', async () => {
    const agent = new Agent<AgentRunContext>({ name: 'Assistant', instructions: 'Help.', model: 'gpt-5.1' });
    let broken = false;
    const { frames, outcome } = await drain({
      agent,
      input: 'hello',
      clock: () => {
        if (broken) throw new Error('clock broke');
        return new Date();
      },
      beforeTerminal: () => {
        broken = true;
        return undefined;
      },
    });
    const kinds = frames.map((frame) => frame.kind);
    expect(kinds).not.toContain('final');
    expect(outcome.status).toBe('failed');
    expect(String(outcome.error)).toContain('clock broke');
  });

  it('runs a function tool and reports it on the stream', async () => {
    const agent = new Agent<AgentRunContext>({ name: 'Assistant', instructions: 'Help.', tools: [lookup] });
    const { frames, outcome } = await drain({ agent, input: 'use tool lookup_order {"order_id":"A7"}' });
    expect(checkStreamInvariants(frames)).toEqual([]);
    const outputs = frames.filter((frame) => frame.kind === 'tool.output');
    expect(outputs).toHaveLength(1);
    expect(JSON.stringify(outputs[0])).toContain('order A7 shipped');
    expect(outcome.responseText).toContain('order A7 shipped');
    expect(outcome.runItems.map((item) => item.itemType)).toEqual([
      'tool_call_item',
      'tool_call_output_item',
      'message_output_item',
    ]);
    expect(outcome.runItems[0]).toMatchObject({ toolName: 'lookup_order', arguments: '{"order_id":"A7"}' });
    expect(outcome.runItems[1]?.output).toContain('order A7 shipped');
    expect(outcome.runItems[2]).toMatchObject({ role: 'assistant', agentName: 'Assistant' });
    expect(outcome.usage?.requests).toBe(2);
  });

  it('pauses on a tool that needs approval and resumes from the serialized state', async () => {
    const agent = new Agent<AgentRunContext>({ name: 'Assistant', instructions: 'Help.', tools: [refund] });
    const first = await drain({ agent, input: 'use tool refund_order {"order_id":"B2"}' });
    expect(checkStreamInvariants(first.frames)).toEqual([]);
    expect(first.outcome.status).toBe('interrupted');
    expect(first.outcome.pendingApprovals).toEqual([
      expect.objectContaining({
        toolName: 'refund_order',
        arguments: '{"order_id":"B2"}',
        agentName: 'Assistant',
      }),
    ]);
    expect(first.outcome.state).toEqual(expect.any(String));

    const state = await RunState.fromString<AgentRunContext, typeof agent>(
      agent,
      first.outcome.state as string,
    );
    const [interruption] = state.getInterruptions();
    expect(interruption).toBeDefined();
    if (interruption) state.approve(interruption);
    const second = await drain({ agent, input: state });
    expect(checkStreamInvariants(second.frames)).toEqual([]);
    expect(second.outcome.status).toBe('completed');
    expect(second.outcome.responseText).toContain('order B2 refunded');
  });

  it('holds frames of a blocking run and releases only lifecycle and the error when it fails', async () => {
    const agent = new Agent<AgentRunContext>({
      name: 'Assistant',
      instructions: 'Help.',
      outputGuardrails: [
        {
          name: 'no_demo',
          execute: async () => ({ tripwireTriggered: true, outputInfo: { reason: 'blocked' } }),
        },
      ],
    });
    const { frames, outcome } = await drain({ agent, input: 'hello', holdFramesUntilComplete: true });
    expect(outcome.status).toBe('failed');
    expect(frames.map((frame) => frame.kind)).not.toContain('message.delta');
    expect(frames.at(-1)?.kind).toBe('error');
    expect(checkStreamInvariants(frames)).toEqual([]);
  });

  it('ends a cancelled run with exactly one terminal and reports it cancelled', async () => {
    const controller = new AbortController();
    const agent = new Agent<AgentRunContext>({ name: 'Assistant', instructions: 'Help.' });
    const run = streamAgentRun({
      agent,
      agentKey: 'assistant',
      input: 'tell me a long story',
      context: context('tell me a long story', controller.signal),
      modelProvider: createDemoModelProvider({ tokenDelayMs: 5 }),
      streamId: 'stream_2',
    });
    const frames: PublicSseEvent[] = [];
    for await (const frame of run.frames) {
      frames.push(frame);
      if (frame.kind === 'message.delta') controller.abort();
    }
    const outcome: AgentRunOutcome = await run.outcome;
    expect(outcome.status).toBe('cancelled');
    expect(frames.filter((frame) => frame.kind === 'final' || frame.kind === 'error')).toHaveLength(1);
    expect(checkStreamInvariants(frames)).toEqual([]);
  });

  it('rejects the frame iteration when onFrame fails, and lets a consumer stop early', async () => {
    const agent = new Agent<AgentRunContext>({ name: 'Assistant', instructions: 'Help.', model: 'gpt-5.1' });
    const failing = streamAgentRun({
      agent,
      agentKey: 'assistant',
      input: 'hello',
      context: context('hello'),
      modelProvider: createDemoModelProvider(),
      streamId: 'stream_3',
      onFrame: async (frame) => {
        if (frame.kind === 'message.delta') throw new Error('ledger down');
      },
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const frame of failing.frames) seen.push(frame.kind);
      })(),
    ).rejects.toThrow('ledger down');
    expect(seen).not.toContain('message.delta');
    expect((await failing.outcome).status).toBe('completed');

    const early = streamAgentRun({
      agent,
      agentKey: 'assistant',
      input: 'hello',
      context: context('hello'),
      modelProvider: createDemoModelProvider(),
      streamId: 'stream_4',
    });
    let count = 0;
    for await (const _frame of early.frames) {
      count += 1;
      if (count === 2) break;
    }
    expect(count).toBe(2);
    expect((await early.outcome).usage?.requests).toBe(1);
  });
});
