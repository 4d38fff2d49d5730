import { Agent, Runner, tool } from '@openai/agents';
import { checkStreamInvariants, type PublicSseEvent, PublicSseEventSchema } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDemoModelProvider } from '../models/demo-model-provider.js';
import { normalizeAgentStreamEvent } from './normalize-agent-stream-event.js';
import { projectSdkStream } from './project-sdk-stream.js';
import { createPublicStreamProjector, type PublicStreamProjectorOptions } from './public-stream-projector.js';
import { SDK_TOOL_ERROR_OUTPUT } from './tool-failure.js';

const SECRET = 'db password hunter2 at 10.0.0.5';

function expectValidStream(frames: readonly PublicSseEvent[]): void {
  for (const frame of frames) expect(PublicSseEventSchema.safeParse(frame).error).toBeUndefined();
  expect(checkStreamInvariants(frames)).toEqual([]);
}

function toolStatuses(frames: readonly PublicSseEvent[]): string[] {
  return frames.flatMap((f) => (f.kind === 'tool.status' ? [`${f.tool.tool_type}:${f.tool.status}`] : []));
}

async function projectRun(
  agent: Agent<unknown, 'text'>,
  input: string,
  options: Partial<PublicStreamProjectorOptions> = {},
  runOptions: { signal?: AbortSignal; onFrame?: (frame: PublicSseEvent) => void; tokenDelayMs?: number } = {},
) {
  const runner = new Runner({
    modelProvider: createDemoModelProvider({ tokenDelayMs: runOptions.tokenDelayMs ?? 0 }),
    tracingDisabled: true,
  });
  const projector = createPublicStreamProjector({
    streamId: 'chat_failures',
    conversationId: 'conv_failures',
    agent: agent.name,
    ...options,
  });
  const frames: PublicSseEvent[] = [];
  const result = await runner.run(agent, input, {
    stream: true,
    ...(runOptions.signal ? { signal: runOptions.signal } : {}),
  });
  await projectSdkStream(result, projector, (frame) => {
    frames.push(frame);
    runOptions.onFrame?.(frame);
  });
  return { frames, projector };
}

function throwingTool(name: string, errorFunction?: null) {
  return tool({
    name,
    description: 'Always fails.',
    parameters: z.object({}),
    ...(errorFunction === null ? { errorFunction: null } : {}),
    execute: async () => {
      throw new Error(SECRET);
    },
  });
}

describe('tool failures', () => {
  it('a throwing tool (default errorFunction) ends failed with the SDK error text under `error`', async () => {
    const agent = new Agent({ name: 'triage', instructions: 'Help.', tools: [throwingTool('lookup')] });
    const { frames } = await projectRun(agent, 'use tool lookup {}');
    expectValidStream(frames);

    expect(toolStatuses(frames)).toEqual(['function:in_progress', 'function:failed']);
    expect(frames.find((f) => f.kind === 'tool.output')).toMatchObject({
      output: { error: SDK_TOOL_ERROR_OUTPUT },
    });
    expect(JSON.stringify(frames)).not.toContain('hunter2');
    // The model saw the failure and answered: the run itself completed.
    expect(frames.at(-1)).toMatchObject({ kind: 'final', final: { status: 'completed' } });
  });

  it('a tool configured to raise fails the call, then the run with a safe server error', async () => {
    const agent = new Agent({
      name: 'triage',
      instructions: 'Help.',
      tools: [throwingTool('lookup', null)],
    });
    const { frames } = await projectRun(agent, 'use tool lookup {}');
    expectValidStream(frames);

    expect(toolStatuses(frames)).toEqual(['function:in_progress', 'function:failed']);
    const kinds = frames.map((f) => f.kind);
    // The held-back call item closes after the failed status, before the terminal.
    expect(kinds.slice(-4)).toEqual(['tool.output', 'tool.status', 'output_item.done', 'error']);
    expect(frames.at(-1)).toMatchObject({
      kind: 'error',
      error: { source: 'server', code: 'tool_error', message: 'A tool failed while running.' },
    });
    expect(JSON.stringify(frames)).not.toContain('hunter2');
  });

  it('isToolFailure recognizes a custom errorFunction output', async () => {
    const flaky = tool({
      name: 'flaky',
      description: 'Fails.',
      parameters: z.object({}),
      errorFunction: () => 'TOOL_FAILED: upstream unavailable',
      execute: async () => {
        throw new Error(SECRET);
      },
    });
    const agent = new Agent({ name: 'triage', instructions: 'Help.', tools: [flaky] });
    const isToolFailure = (output: unknown) => typeof output === 'string' && output.startsWith('TOOL_FAILED');
    const custom = await projectRun(agent, 'use tool flaky {}', { isToolFailure });
    expectValidStream(custom.frames);
    expect(toolStatuses(custom.frames)).toEqual(['function:in_progress', 'function:failed']);
    expect(custom.frames.find((f) => f.kind === 'tool.output')).toMatchObject({
      output: { error: 'TOOL_FAILED: upstream unavailable' },
    });
    // Without the check the same output is an ordinary result.
    const plain = await projectRun(agent, 'use tool flaky {}');
    expect(toolStatuses(plain.frames)).toEqual(['function:in_progress', 'function:completed']);
  });

  it('an agent tool whose nested run fails ends failed', async () => {
    const frames: PublicSseEvent[] = [];
    const projector = createPublicStreamProjector({
      streamId: 'chat_agent_fail',
      conversationId: 'conv_failures',
      agent: 'triage',
      agentToolNames: new Map([['ask_researcher', 'researcher']]),
    });
    // The nested run dies on its own input guardrail; the outer model never sees why.
    const researcher = new Agent({
      name: 'researcher',
      instructions: 'Research.',
      inputGuardrails: [
        { name: 'nested_rule', execute: async () => ({ tripwireTriggered: true, outputInfo: null }) },
      ],
    });
    const askResearcher = researcher.asTool({
      toolName: 'ask_researcher',
      toolDescription: 'Ask the researcher.',
      onStream: ({ event, agent, toolCall }) => {
        const normalized = normalizeAgentStreamEvent(event);
        if (normalized && toolCall)
          frames.push(...projector.projectScoped(toolCall.callId, agent.name, normalized));
      },
    });
    const triage = new Agent({ name: 'triage', instructions: 'Delegate.', tools: [askResearcher] });
    const runner = new Runner({ modelProvider: createDemoModelProvider(), tracingDisabled: true });
    const result = await runner.run(triage, 'use tool ask_researcher {"input":"Market sizing"}', {
      stream: true,
    });
    await projectSdkStream(result, projector, (frame) => frames.push(frame));
    expectValidStream(frames);

    const root = frames.filter((f) => !('scope' in f && f.scope));
    expect(toolStatuses(root)).toEqual(['agent:in_progress', 'agent:failed']);
    expect(root.find((f) => f.kind === 'tool.output')).toMatchObject({
      tool_type: 'agent',
      output: { error: SDK_TOOL_ERROR_OUTPUT },
    });
    expect(frames.at(-1)).toMatchObject({ kind: 'final', final: { status: 'completed' } });
  });
});

describe('guardrail tripwires', () => {
  it('an input tripwire ends the stream with a server error that tells nothing of the guardrail', async () => {
    const agent = new Agent({
      name: 'triage',
      instructions: 'Help.',
      inputGuardrails: [
        {
          name: 'secret_rule',
          execute: async () => ({ tripwireTriggered: true, outputInfo: { matched: 'internal rule 42' } }),
        },
      ],
    });
    const { frames } = await projectRun(agent, 'hello');
    expectValidStream(frames);

    expect(frames.filter((f) => f.kind === 'error')).toHaveLength(1);
    expect(frames.at(-1)).toMatchObject({
      kind: 'error',
      error: {
        source: 'server',
        code: 'guardrail_tripwire_triggered',
        message: 'The request was blocked by a guardrail.',
        is_retryable: false,
      },
    });
    expect(JSON.stringify(frames)).not.toMatch(/secret_rule|internal rule 42/);
  });

  it('an output tripwire ends the stream with a server error after the streamed answer', async () => {
    const agent = new Agent({
      name: 'triage',
      instructions: 'Help.',
      outputGuardrails: [
        { name: 'no_demo', execute: async () => ({ tripwireTriggered: true, outputInfo: 'pattern x' }) },
      ],
    });
    const { frames } = await projectRun(agent, 'hello');
    expectValidStream(frames);

    expect(frames.some((f) => f.kind === 'message.delta')).toBe(true);
    expect(frames.at(-1)).toMatchObject({
      kind: 'error',
      error: { source: 'server', message: 'The response was blocked by a guardrail.' },
    });
    expect(JSON.stringify(frames)).not.toMatch(/no_demo|pattern x/);
  });
});

describe('cancellation', () => {
  it('an abort mid-message ends with lifecycle cancelled and final cancelled', async () => {
    const controller = new AbortController();
    const agent = new Agent({ name: 'triage', instructions: 'Help.' });
    const { frames } = await projectRun(
      agent,
      'tell me a long story about turtles',
      {},
      {
        signal: controller.signal,
        tokenDelayMs: 5,
        onFrame: (frame) => {
          if (frame.kind === 'message.delta') controller.abort();
        },
      },
    );
    expectValidStream(frames);

    const tail = frames.slice(-2);
    expect(tail).toMatchObject([
      { kind: 'lifecycle', status: 'cancelled', reason: 'cancelled' },
      { kind: 'final', final: { status: 'cancelled' } },
    ]);
    // The answer stopped early: the demo reply has far more words than were streamed.
    expect(frames.filter((f) => f.kind === 'message.delta').length).toBeLessThan(5);
  });

  it('an abort while a tool call is open fails the call before the cancelled terminal', () => {
    const projector = createPublicStreamProjector({
      streamId: 'chat_c',
      conversationId: 'c',
      agent: 'triage',
    });
    const frames = [
      ...projector.project({
        type: 'raw_response',
        event: {
          type: 'response.output_item.added',
          sequence_number: 0,
          item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'slow', arguments: '' },
        },
      }),
      ...projector.finish({ error: Object.assign(new Error('aborted'), { name: 'AbortError' }) }),
    ];
    expectValidStream(frames);
    expect(toolStatuses(frames)).toEqual(['function:in_progress', 'function:failed']);
    expect(frames.at(-1)).toMatchObject({ kind: 'final', final: { status: 'cancelled' } });
  });
});
