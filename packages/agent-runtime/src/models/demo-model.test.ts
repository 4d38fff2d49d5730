import type { AgentInputItem, ModelRequest, SerializedTool, StreamEvent } from '@openai/agents-core';
import { isAppError } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { createDemoModel, DEMO_MODEL_NAME } from './demo-model.js';

const clockTool: SerializedTool = {
  type: 'function',
  name: 'get_current_time',
  description: 'Current time.',
  parameters: {
    type: 'object',
    properties: { timezone: { type: 'string' } },
    required: ['timezone'],
    additionalProperties: false,
  },
  strict: true,
};

function request(input: string | AgentInputItem[], overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    input,
    modelSettings: {},
    tools: [],
    outputType: 'text',
    handoffs: [],
    tracing: false,
    ...overrides,
  };
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

type RawEvent = { type: string; sequence_number: number; [key: string]: unknown };

function raw(events: readonly StreamEvent[]): RawEvent[] {
  return events.flatMap((event) => (event.type === 'model' ? [event.event as RawEvent] : []));
}

describe('createDemoModel', () => {
  it('streams a text answer in the Responses API event shapes', async () => {
    const events = await collect(createDemoModel().getStreamedResponse(request('Hello there')));
    const rawEvents = raw(events);

    expect(events[0]?.type).toBe('response_started');
    expect(events[1]).toMatchObject({
      type: 'model',
      providerData: { rawModelEventSource: 'openai-responses' },
    });
    expect(events.at(-2)?.type).toBe('response_done');
    expect(rawEvents.map((event) => event.sequence_number)).toEqual(rawEvents.map((_, index) => index));
    const types = rawEvents.map((event) => event.type);
    const deltaCount = types.filter((type) => type === 'response.output_text.delta').length;
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      ...Array<string>(deltaCount).fill('response.output_text.delta'),
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);

    const added = rawEvents[2] as RawEvent & { item: { id: string; type: string; status: string } };
    expect(added.item).toMatchObject({ type: 'message', status: 'in_progress' });
    expect(added.item.id).toMatch(/^msg_[0-9a-f]{32}$/);
    for (const event of rawEvents.slice(3, -2)) {
      expect(event).toMatchObject({ item_id: added.item.id, output_index: 0, content_index: 0 });
    }

    const sdkDeltas = events.flatMap((event) => (event.type === 'output_text_delta' ? [event] : []));
    expect(sdkDeltas).toHaveLength(deltaCount);
    expect(sdkDeltas.every((event) => event.itemId === added.item.id)).toBe(true);
    const text = sdkDeltas.map((event) => event.delta).join('');
    expect(text).toMatch(
      /^Demo model reply to: Hello there\n\nThis answer comes from the offline demo model/,
    );
    expect(rawEvents.find((event) => event.type === 'response.output_text.done')).toMatchObject({ text });

    const done = events.find((event) => event.type === 'response_done');
    expect(done?.type === 'response_done' && done.response.output).toEqual([
      expect.objectContaining({ type: 'message', role: 'assistant', status: 'completed', id: added.item.id }),
    ]);
    expect(done?.type === 'response_done' && done.response.usage).toMatchObject({
      requests: 1,
      outputTokens: deltaCount,
      totalTokens: (done?.type === 'response_done' ? done.response.usage.inputTokens : 0) + deltaCount,
    });
    expect(rawEvents.at(-1)).toMatchObject({
      type: 'response.completed',
      response: {
        status: 'completed',
        model: DEMO_MODEL_NAME,
        output_text: text,
        usage: { output_tokens: deltaCount },
      },
    });
  });

  it('produces the identical event sequence for the identical request, and new ids for a new seed', async () => {
    const input: AgentInputItem[] = [
      { role: 'user', content: 'use tool get_current_time {"timezone":"UTC"}' },
    ];
    const first = await collect(
      createDemoModel().getStreamedResponse(request(input, { tools: [clockTool] })),
    );
    const second = await collect(
      createDemoModel().getStreamedResponse(request(input, { tools: [clockTool] })),
    );
    const seeded = await collect(
      createDemoModel({ seed: 'other' }).getStreamedResponse(request(input, { tools: [clockTool] })),
    );

    expect(second).toEqual(first);
    expect(raw(seeded).map((event) => event.type)).toEqual(raw(first).map((event) => event.type));
    const responseId = (events: StreamEvent[]) =>
      (raw(events)[0]?.response as { id: string } | undefined)?.id;
    expect(responseId(first)).toMatch(/^resp_/);
    expect(responseId(seeded)).not.toBe(responseId(first));
  });

  it('streams a function call with its arguments for "use tool"', async () => {
    const input = 'use tool get_current_time {"timezone":"Asia/Tokyo"} now';
    const events = await collect(
      createDemoModel().getStreamedResponse(request(input, { tools: [clockTool] })),
    );
    const rawEvents = raw(events);

    const added = rawEvents.find((event) => event.type === 'response.output_item.added');
    expect(added).toMatchObject({ item: { type: 'function_call', name: 'get_current_time', arguments: '' } });
    const argumentDeltas = rawEvents.filter(
      (event) => event.type === 'response.function_call_arguments.delta',
    );
    expect(argumentDeltas.length).toBeGreaterThan(1);
    const argumentsText = argumentDeltas.map((event) => event.delta).join('');
    expect(JSON.parse(argumentsText)).toEqual({ timezone: 'Asia/Tokyo' });
    expect(rawEvents.find((event) => event.type === 'response.function_call_arguments.done')).toMatchObject({
      arguments: argumentsText,
    });
    const done = events.find((event) => event.type === 'response_done');
    expect(done?.type === 'response_done' && done.response.output).toEqual([
      expect.objectContaining({ type: 'function_call', name: 'get_current_time', arguments: argumentsText }),
    ]);
  });

  it('answers about tool results instead of calling the tool again', async () => {
    const input: AgentInputItem[] = [
      { role: 'user', content: 'use tool get_current_time' },
      { type: 'function_call', callId: 'call_1', name: 'get_current_time', arguments: '{}' },
      {
        type: 'function_call_result',
        callId: 'call_1',
        name: 'get_current_time',
        status: 'completed',
        output: { type: 'text', text: '09:00 UTC' },
      },
    ];
    const response = await createDemoModel().getResponse(request(input, { tools: [clockTool] }));

    expect(response.output).toEqual([
      expect.objectContaining({
        type: 'message',
        content: [
          expect.objectContaining({
            text: expect.stringContaining('The tool get_current_time returned: 09:00 UTC'),
          }),
        ],
      }),
    ]);
  });

  it('does not act twice on one user message', async () => {
    const input: AgentInputItem[] = [
      { role: 'user', content: 'use tool get_current_time' },
      { type: 'function_call', callId: 'call_1', name: 'get_current_time', arguments: '{}' },
      { role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Done.' }] },
    ];
    const response = await createDemoModel().getResponse(request(input, { tools: [clockTool] }));

    expect(response.output.map((item) => item.type)).toEqual(['message']);
  });

  it('emits a handoff call when the request offers a matching handoff', async () => {
    const handoffs = [
      {
        toolName: 'transfer_to_Researcher',
        toolDescription: 'Research.',
        inputJsonSchema: { type: 'object', properties: {}, required: [], additionalProperties: false },
        strictJsonSchema: true,
      },
    ] satisfies ModelRequest['handoffs'];
    const response = await createDemoModel().getResponse(request('transfer to researcher.', { handoffs }));

    expect(response.output).toEqual([
      expect.objectContaining({ type: 'function_call', name: 'transfer_to_Researcher', arguments: '{}' }),
    ]);
    const missing = await createDemoModel().getResponse(request('handoff to billing', { handoffs }));
    expect(JSON.stringify(missing.output)).toContain(
      'There is no handoff to \\"billing\\". Available handoffs: transfer_to_Researcher.',
    );
  });

  it('streams a refusal content part for "demo: refuse"', async () => {
    const events = await collect(createDemoModel().getStreamedResponse(request('demo: refuse')));
    const types = raw(events).map((event) => event.type);

    expect(types).toContain('response.refusal.delta');
    expect(types).toContain('response.refusal.done');
    expect(types).not.toContain('response.output_text.delta');
    const done = events.find((event) => event.type === 'response_done');
    expect(done?.type === 'response_done' && done.response.output[0]).toMatchObject({
      content: [{ type: 'refusal', refusal: expect.stringContaining('refuses on purpose') }],
    });
  });

  it('puts a streamed reasoning summary before the answer for "demo: reason"', async () => {
    const events = await collect(createDemoModel().getStreamedResponse(request('demo: reason please')));
    const rawEvents = raw(events);
    const summary = rawEvents
      .filter((event) => event.type === 'response.reasoning_summary_text.delta')
      .map((event) => event.delta)
      .join('');

    expect(summary).toContain('asked the demo model to show its reasoning');
    expect(rawEvents.find((event) => event.type === 'response.output_item.added')).toMatchObject({
      output_index: 0,
      item: { type: 'reasoning' },
    });
    expect(rawEvents.find((event) => event.type === 'response.output_text.delta')).toMatchObject({
      output_index: 1,
    });
    const done = events.find((event) => event.type === 'response_done');
    expect(done?.type === 'response_done' && done.response.usage.outputTokensDetails).toEqual({
      reasoning_tokens: rawEvents.filter((event) => event.type === 'response.reasoning_summary_text.delta')
        .length,
    });
  });

  it('ends the stream with a raw error event and throws for "demo: error"', async () => {
    const events: StreamEvent[] = [];
    const failure = await (async () => {
      for await (const event of createDemoModel().getStreamedResponse(request('demo: error')))
        events.push(event);
    })().then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(isAppError(failure) && failure.code).toBe('BadGateway');
    expect(raw(events).at(-1)).toMatchObject({ type: 'error', code: 'demo_error', param: null });
    expect(events.some((event) => event.type === 'response_done')).toBe(false);
    await expect(createDemoModel().getResponse(request('demo: error'))).rejects.toThrow(/failed on purpose/);
  });

  it('answers structured output requests with JSON that fits the schema', async () => {
    const outputType = {
      type: 'json_schema',
      name: 'Answer',
      strict: true,
      schema: {
        type: 'object',
        properties: { title: { type: 'string' }, score: { type: 'integer', minimum: 1 } },
        required: ['title', 'score'],
        additionalProperties: false,
      },
    } satisfies ModelRequest['outputType'];
    const response = await createDemoModel().getResponse(request('Rate my essay', { outputType }));
    const message = response.output[0];

    expect(message?.type === 'message' && message.role === 'assistant' && message.content[0]).toMatchObject({
      type: 'output_text',
      text: JSON.stringify({ title: 'Rate my essay', score: 1 }),
    });
  });

  it('stops streaming when the request is aborted during a token delay', async () => {
    const controller = new AbortController();
    const stream = createDemoModel({ tokenDelayMs: 60_000 }).getStreamedResponse(
      request('a long answer', { signal: controller.signal }),
    );
    const seen: string[] = [];
    const failure = await (async () => {
      for await (const event of stream) {
        seen.push(event.type);
        if (event.type === 'output_text_delta') controller.abort();
      }
    })().then(
      () => undefined,
      (error: unknown) => error,
    );

    expect((failure as Error).name).toBe('AbortError');
    expect(seen.filter((type) => type === 'output_text_delta')).toHaveLength(1);
  });

  it('rejects a negative token delay', () => {
    expect(() => createDemoModel({ tokenDelayMs: -1 })).toThrow(RangeError);
  });
});
