import { readFileSync } from 'node:fs';
import { Agent, Runner, tool } from '@openai/agents';
import {
  AppError,
  checkStreamInvariants,
  type PublicSseEvent,
  PublicSseEventSchema,
} from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDemoModelProvider } from '../models/demo-model-provider.js';
import { projectSdkStream } from './project-sdk-stream.js';
import { createPublicStreamProjector } from './public-stream-projector.js';
import { compareWithFixture, streamSkeleton } from './stream-skeleton.js';

const FIXTURES = new URL('../../../contracts/src/streaming/fixtures/public-sse-v1/', import.meta.url);

function fixture(name: string): PublicSseEvent[] {
  const lines = readFileSync(new URL(`${name}.ndjson`, FIXTURES), 'utf8')
    .split('\n')
    .filter(Boolean);
  return lines.map((line) => PublicSseEventSchema.parse(JSON.parse(line)));
}

async function projectDemoRun(agent: Agent<unknown, 'text'> | Agent<unknown, z.ZodType>, input: string) {
  const runner = new Runner({ modelProvider: createDemoModelProvider(), tracingDisabled: true });
  const projector = createPublicStreamProjector({
    streamId: 'chat_0123456789abcdef',
    conversationId: 'conv_1',
    agent: agent.name,
    clock: () => new Date('2026-01-01T00:00:00Z'),
  });
  const frames: PublicSseEvent[] = [];
  const result = await runner.run(agent, input, { stream: true });
  await projectSdkStream(
    result,
    projector,
    (frame) => frames.push(frame),
    (error) =>
      error === undefined
        ? // Only agents with an output type produce a non-string final output.
          {
            structuredOutput:
              typeof result.finalOutput === 'object' ? (result.finalOutput as never) : undefined,
          }
        : { error },
  );
  return frames;
}

function expectValidStream(frames: readonly PublicSseEvent[]): void {
  for (const frame of frames) expect(PublicSseEventSchema.safeParse(frame).error).toBeUndefined();
  expect(checkStreamInvariants(frames)).toEqual([]);
}

describe('public stream projector on demo-model runs', () => {
  it('text: message deltas, then final completed with the response text', async () => {
    const agent = new Agent({ name: 'triage', instructions: 'Help.' });
    const frames = await projectDemoRun(agent, 'hello there');
    expectValidStream(frames);

    const deltas = frames.filter((frame) => frame.kind === 'message.delta');
    expect(deltas.length).toBeGreaterThan(1);
    const text = deltas.map((frame) => (frame.kind === 'message.delta' ? frame.delta : '')).join('');
    expect(text).toContain('Demo model reply to: hello there');
    expect(frames[0]).toMatchObject({ kind: 'lifecycle', status: 'in_progress', agent: 'triage' });
    const final = frames.at(-1);
    expect(final).toMatchObject({ kind: 'final', final: { status: 'completed', response_text: text } });
    expect(final?.kind === 'final' && final.final.usage?.total_tokens).toBeGreaterThan(0);
    expect(frames.every((frame) => frame.response_id?.startsWith('resp_') ?? false)).toBe(true);
    // The comparison can fail: a text run is not a refusal.
    expect(compareWithFixture(frames, fixture('chat-refusal'))).not.toEqual([]);
  });

  it('function tool: the fixture state machine, arguments buffered then chunked', async () => {
    const getTime = tool({
      name: 'get_time',
      description: 'Current time.',
      parameters: z.object({}),
      execute: async () => ({ timezone: 'UTC', iso: '2026-01-01T00:00:00Z' }),
    });
    const agent = new Agent({ name: 'triage', instructions: 'Help.', tools: [getTime] });
    const frames = await projectDemoRun(agent, 'use tool get_time {}');
    expectValidStream(frames);

    expect(compareWithFixture(frames, fixture('chat-function-tool'))).toEqual([]);
    expect(frames.find((frame) => frame.kind === 'tool.output')).toMatchObject({
      output: { timezone: 'UTC', iso: '2026-01-01T00:00:00Z' },
    });
    expect(frames.find((frame) => frame.kind === 'tool.arguments.done')).toMatchObject({
      tool_name: 'get_time',
      arguments_text: '{}',
      arguments_json: {},
    });
    // The message after the tool round trip continues the transcript instead of restarting at 0.
    const message = frames.find(
      (frame) => frame.kind === 'output_item.added' && frame.item_type === 'message',
    );
    expect(message).toMatchObject({ output_index: 1 });
    const lifecycles = frames.filter((frame) => frame.kind === 'lifecycle');
    expect(lifecycles.map((frame) => frame.kind === 'lifecycle' && frame.status)).toEqual([
      'in_progress',
      'completed',
      'in_progress',
      'completed',
    ]);
  });

  it('handoff: agent.updated once, no transfer-call items, final from the new agent', async () => {
    const structured = new Agent({
      name: 'structured',
      instructions: 'Answer in JSON.',
      outputType: z.object({ foo: z.string() }),
    });
    const triage = Agent.create({ name: 'triage', instructions: 'Route.', handoffs: [structured] });
    const frames = await projectDemoRun(triage as never, 'handoff to structured');
    expectValidStream(frames);

    expect(compareWithFixture(frames, fixture('chat-handoff'))).toEqual([]);
    expect(frames.find((frame) => frame.kind === 'agent.updated')).toMatchObject({
      from_agent: 'triage',
      to_agent: 'structured',
      handoff_index: 1,
      agent: 'structured',
    });
    const final = frames.at(-1);
    expect(final?.kind === 'final' && final.final.structured_output).toEqual({ foo: expect.any(String) });
  });

  it('refusal: refusal delta/done and final refused despite the SDK refusal error', async () => {
    const agent = new Agent({ name: 'triage', instructions: 'Help.' });
    const frames = await projectDemoRun(agent, 'demo: refuse');
    expectValidStream(frames);

    expect(compareWithFixture(frames, fixture('chat-refusal'))).toEqual([]);
    const done = frames.find((frame) => frame.kind === 'refusal.done');
    const final = frames.at(-1);
    expect(final).toMatchObject({ kind: 'final', final: { status: 'refused' } });
    expect(final?.kind === 'final' && final.final.refusal_text).toBe(
      done?.kind === 'refusal.done' ? done.refusal_text : 'missing',
    );
  });

  it('demo error: the raw provider error event is the one terminal, nothing after it', async () => {
    const agent = new Agent({ name: 'triage', instructions: 'Help.' });
    const frames = await projectDemoRun(agent, 'demo: error');
    expectValidStream(frames);
    expect(streamSkeleton(frames).map((entry) => entry.label)).toEqual(['error:provider']);
    expect(frames.at(-1)).toMatchObject({ error: { code: 'demo_error', source: 'provider' } });
  });

  it('sanitizes function arguments: redacted, truncated, re-chunked, with notices', async () => {
    const search = tool({
      name: 'search',
      description: 'Search.',
      parameters: z.object({ api_key: z.string(), q: z.string() }),
      execute: async ({ q }) => `found ${q.length}`,
    });
    const agent = new Agent({ name: 'triage', instructions: 'Help.', tools: [search] });
    const args = JSON.stringify({ api_key: 'x', q: 'q'.repeat(5_000) });
    const frames = await projectDemoRun(agent, `use tool search ${args}`);
    expectValidStream(frames);

    const deltas = frames.filter((frame) => frame.kind === 'tool.arguments.delta');
    const done = frames.find((frame) => frame.kind === 'tool.arguments.done');
    const text = done?.kind === 'tool.arguments.done' ? done.arguments_text : '';
    expect(text).not.toContain('"x"');
    expect(deltas.map((frame) => (frame.kind === 'tool.arguments.delta' ? frame.delta.length : 0))).toEqual([
      2_000,
      2_000,
      text.length - 4_000,
    ]);
    expect(deltas.map((frame) => (frame.kind === 'tool.arguments.delta' ? frame.delta : '')).join('')).toBe(
      text,
    );
    expect(done).toMatchObject({
      arguments_json: { api_key: '<redacted>', q: 'q'.repeat(4_000) },
      notices: [
        { type: 'redacted', path: 'api_key' },
        { type: 'truncated', path: 'q' },
      ],
    });
  });
});

describe('public stream projector internal events', () => {
  function projector() {
    return createPublicStreamProjector({ streamId: 'chat_1', conversationId: 'c', agent: 'triage' });
  }

  it('projects memory checkpoints, never guardrail results, and nothing after the terminal', () => {
    const p = projector();
    const checkpoint = p.project({
      type: 'memory_compaction',
      checkpoint: { strategy: 'trim', keep_turns: 4 },
    });
    expect(checkpoint).toMatchObject([
      { kind: 'memory.checkpoint', event_id: 1, checkpoint: { strategy: 'trim' } },
    ]);
    expect(
      p.project({ type: 'guardrail_result', guardrail: 'pii', stage: 'input', tripwireTriggered: true }),
    ).toEqual([]);
    const terminal = p.project({ type: 'error', source: 'server', message: 'boom' });
    expect(terminal).toMatchObject([
      { kind: 'error', event_id: 2, error: { source: 'server', message: 'boom' } },
    ]);
    expect(p.project({ type: 'agent_updated', agent: 'other' })).toEqual([]);
    expect(p.finish()).toEqual([]);
    expect(checkStreamInvariants([...checkpoint, ...terminal])).toEqual([]);
  });

  it('finish without any model output is final incomplete; a thrown non-API error is a server error', () => {
    expect(projector().finish()).toMatchObject([
      { kind: 'final', final: { status: 'incomplete', attachments: [] } },
    ]);
    // An arbitrary exception's message may carry internals: the client gets an opaque one.
    expect(projector().finish({ error: new Error('db down at 10.0.0.5') })).toMatchObject([
      {
        kind: 'error',
        error: { source: 'server', message: 'Internal server error.', code: 'internal_error' },
      },
    ]);
    // AppError messages are client-safe by contract and pass through with their code.
    expect(projector().finish({ error: new AppError('ServiceUnavailable', 'Try later.') })).toMatchObject([
      { kind: 'error', error: { source: 'server', message: 'Try later.', code: 'ServiceUnavailable' } },
    ]);
  });

  it('stamps per-token frames with the same keys, in the same order, as every other frame', () => {
    const p = projector();
    const raw = (event: Record<string, unknown>) =>
      p.project({ type: 'raw_response', event: { type: String(event.type), ...event } });
    raw({ type: 'response.created', sequence_number: 0, response: { id: 'resp_1' } });
    raw({ type: 'response.output_item.added', sequence_number: 1, item: { id: 'rs_1', type: 'reasoning' } });
    const [reasoning] = raw({
      type: 'response.reasoning_summary_text.delta',
      sequence_number: 2,
      item_id: 'rs_1',
      summary_index: 0,
      delta: 'Thinking',
    });
    const item = { id: 'msg_1', type: 'message', role: 'assistant' };
    raw({ type: 'response.output_item.added', sequence_number: 3, item });
    const [text] = raw({
      type: 'response.output_text.delta',
      sequence_number: 4,
      item_id: 'msg_1',
      content_index: 0,
      delta: 'Hi',
    });
    const [refusal] = raw({
      type: 'response.refusal.delta',
      sequence_number: 5,
      item_id: 'msg_1',
      content_index: 0,
      delta: 'No',
    });
    const envelope = [
      'schema',
      'event_id',
      'stream_id',
      'server_timestamp',
      'kind',
      'conversation_id',
      'response_id',
      'agent',
      'provider_sequence_number',
      'output_index',
      'item_id',
    ];
    expect(Object.keys(text ?? {})).toEqual([...envelope, 'content_index', 'delta']);
    expect(Object.keys(refusal ?? {})).toEqual([...envelope, 'content_index', 'delta']);
    expect(Object.keys(reasoning ?? {})).toEqual([...envelope, 'summary_index', 'delta']);
    expect(text).toMatchObject({ kind: 'message.delta', event_id: 5, response_id: 'resp_1', delta: 'Hi' });
    expect(reasoning).toMatchObject({ kind: 'reasoning_summary.delta', output_index: 0, delta: 'Thinking' });
    for (const frame of [text, refusal, reasoning]) expect(PublicSseEventSchema.parse(frame)).toEqual(frame);
  });
});
