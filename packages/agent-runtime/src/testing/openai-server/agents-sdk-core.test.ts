import { Agent, ModelRefusalError, type Runner, type RunStreamEvent, tool } from '@openai/agents';
import { APIError } from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOpenAiTestServer, type OpenAiTestServer } from './openai-test-server.js';
import { createOpenAiTestRunner } from './test-runner.js';
import {
  errorTurn,
  functionCallTurn,
  httpErrorTurn,
  reasoningTurn,
  refusalTurn,
  structuredOutputTurn,
  textTurn,
} from './turns.js';

let server: OpenAiTestServer;
let runner: Runner;

beforeEach(async () => {
  server = await createOpenAiTestServer();
  runner = createRunner(server, 0);
});

afterEach(async () => {
  expect(server.pendingTurns()).toBe(0);
  await server.close();
});

function createRunner(target: OpenAiTestServer, maxRetries: number): Runner {
  return createOpenAiTestRunner(target, { maxRetries });
}

function inputOf(call: number): unknown[] {
  const body = server.responseRequests()[call]?.body as { input?: unknown[] } | undefined;
  if (body?.input === undefined) throw new Error(`responses call #${call + 1} has no input`);
  return body.input;
}

function rawTypes(events: readonly RunStreamEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'raw_model_stream_event' && event.data.type === 'model'
      ? [(event.data.event as { type: string }).type]
      : [],
  );
}

async function collect(stream: AsyncIterable<RunStreamEvent>): Promise<RunStreamEvent[]> {
  const events: RunStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** Consumes a streamed run that is expected to fail: the events seen, and the error it failed with. */
async function drainFailing(
  result: AsyncIterable<RunStreamEvent> & { readonly completed: Promise<void>; readonly error: unknown },
): Promise<{ events: RunStreamEvent[]; error: unknown }> {
  const events: RunStreamEvent[] = [];
  try {
    for await (const event of result) events.push(event);
    await result.completed;
  } catch (error) {
    return { events, error };
  }
  return { events, error: result.error };
}

const agent = new Agent({ name: 'assistant', instructions: 'Answer briefly.', model: 'gpt-4.1' });

describe('OpenAI test server driven by @openai/agents (streaming)', () => {
  it('streams text turns as output_text deltas that the SDK assembles', async () => {
    server.enqueue(textTurn('Hello there, friend.', { chunks: ['Hello ', 'there, ', 'friend.'] }));
    const result = await runner.run(agent, 'Say hello', { stream: true });
    const events = await collect(result);
    await result.completed;

    expect(result.finalOutput).toBe('Hello there, friend.');
    const deltas = events.flatMap((event) =>
      event.type === 'raw_model_stream_event' && event.data.type === 'output_text_delta'
        ? [event.data.delta]
        : [],
    );
    expect(deltas).toEqual(['Hello ', 'there, ', 'friend.']);
    expect(rawTypes(events)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const [request] = server.responseRequests();
    expect(request?.body).toMatchObject({ model: 'gpt-4.1', instructions: 'Answer briefly.', stream: true });
    expect(request?.headers.authorization).toBeUndefined();
  });

  it('runs a function tool after functionCallTurn and sends its output back', async () => {
    const calls: string[] = [];
    const getWeather = tool({
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: z.object({ city: z.string() }),
      execute: async ({ city }) => {
        calls.push(city);
        return `Sunny in ${city}`;
      },
    });
    const toolAgent = new Agent({
      name: 'weather',
      instructions: 'Use tools.',
      model: 'gpt-4.1',
      tools: [getWeather],
    });
    server.enqueue(
      functionCallTurn({ name: 'get_weather', arguments: { city: 'Paris' }, callId: 'call_paris' }),
      textTurn('It is sunny in Paris.'),
    );

    const result = await runner.run(toolAgent, 'Weather in Paris?', { stream: true });
    const events = await collect(result);
    await result.completed;

    expect(calls).toEqual(['Paris']);
    expect(result.finalOutput).toBe('It is sunny in Paris.');
    expect(rawTypes(events)).toContain('response.function_call_arguments.delta');
    expect(rawTypes(events)).toContain('response.function_call_arguments.done');
    expect(server.responseRequests()[0]?.body).toMatchObject({
      tools: [{ type: 'function', name: 'get_weather' }],
    });
    expect(inputOf(1)).toContainEqual(
      expect.objectContaining({
        type: 'function_call_output',
        call_id: 'call_paris',
        output: 'Sunny in Paris',
      }),
    );
  });

  it('streams several function calls of one turn and runs each tool', async () => {
    const seen: string[] = [];
    const echo = tool({
      name: 'echo',
      description: 'Echo a word',
      parameters: z.object({ word: z.string() }),
      execute: async ({ word }) => {
        seen.push(word);
        return word;
      },
    });
    const toolAgent = new Agent({ name: 'echoer', instructions: 'Echo.', model: 'gpt-4.1', tools: [echo] });
    server.enqueue(
      functionCallTurn([
        { name: 'echo', arguments: { word: 'one' }, callId: 'call_1' },
        { name: 'echo', arguments: '{"word":"two"}', callId: 'call_2' },
      ]),
      textTurn('Done.'),
    );
    const result = await runner.run(toolAgent, 'Echo twice', { stream: true });
    await collect(result);
    await result.completed;

    expect(seen.sort()).toEqual(['one', 'two']);
    const input = inputOf(1) as Array<{ type?: string; call_id?: string }>;
    expect(input.filter((item) => item.type === 'function_call_output').map((item) => item.call_id)).toEqual([
      'call_1',
      'call_2',
    ]);
  });

  it('streams reasoning summaries before the answer', async () => {
    server.enqueue(
      reasoningTurn(
        { summary: ['Thinking about greetings.', 'Picking a short one.'], answer: 'Hi!' },
        { usage: { inputTokens: 20, outputTokens: 30, reasoningTokens: 25 } },
      ),
    );
    const result = await runner.run(agent, 'Greet me', { stream: true });
    const events = await collect(result);
    await result.completed;

    expect(result.finalOutput).toBe('Hi!');
    const types = rawTypes(events);
    expect(types.filter((type) => type === 'response.reasoning_summary_part.added')).toHaveLength(2);
    expect(types).toContain('response.reasoning_summary_text.delta');
    expect(types).toContain('response.reasoning_summary_text.done');
    expect(types).toContain('response.reasoning_summary_part.done');
    const reasoning = result.newItems.find((item) => item.type === 'reasoning_item');
    expect(reasoning?.rawItem).toMatchObject({
      type: 'reasoning',
      content: [
        { type: 'input_text', text: 'Thinking about greetings.' },
        { type: 'input_text', text: 'Picking a short one.' },
      ],
    });
    expect(result.state.usage.outputTokensDetails).toContainEqual({ reasoning_tokens: 25 });
  });

  it('streams refusals', async () => {
    server.enqueue(refusalTurn('I cannot help with that.'));
    const result = await runner.run(agent, 'Do something bad', { stream: true });
    const { events, error } = await drainFailing(result);

    // agents-core 0.20 turns a refusal-only answer into a ModelRefusalError after streaming it.
    expect(error).toBeInstanceOf(ModelRefusalError);
    expect(String(error)).toContain('I cannot help with that.');
    const types = rawTypes(events);
    expect(types).toContain('response.content_part.added');
    expect(types.filter((type) => type === 'response.refusal.delta').length).toBeGreaterThan(1);
    expect(types).toContain('response.refusal.done');
  });

  it('parses structured output into finalOutput and sends the JSON schema', async () => {
    const Answer = z.object({ city: z.string(), temperature: z.number() });
    const structured = new Agent({
      name: 'structured',
      instructions: 'JSON only.',
      model: 'gpt-4.1',
      outputType: Answer,
    });
    server.enqueue(structuredOutputTurn({ city: 'Oslo', temperature: -3 }));
    const result = await runner.run(structured, 'Weather?', { stream: true });
    await collect(result);
    await result.completed;

    expect(result.finalOutput).toEqual({ city: 'Oslo', temperature: -3 });
    expect(server.responseRequests()[0]?.body).toMatchObject({
      text: { format: { type: 'json_schema', strict: true, schema: { type: 'object' } } },
    });
  });

  it('reports the scripted usage on the result', async () => {
    server.enqueue(
      functionCallTurn(
        { name: 'noop', arguments: {} },
        { usage: { inputTokens: 100, outputTokens: 10, cachedTokens: 40 } },
      ),
      textTurn('ok', { usage: { inputTokens: 120, outputTokens: 5 } }),
    );
    const noop = tool({
      name: 'noop',
      description: 'Nothing',
      parameters: z.object({}),
      execute: async () => 'ok',
    });
    const toolAgent = new Agent({ name: 'usage', instructions: 'x', model: 'gpt-4.1', tools: [noop] });
    const result = await runner.run(toolAgent, 'go', { stream: true });
    await collect(result);
    await result.completed;

    expect(result.state.usage).toMatchObject({
      requests: 2,
      inputTokens: 220,
      outputTokens: 15,
      totalTokens: 235,
    });
    expect(result.rawResponses.map((response) => response.usage.inputTokensDetails)).toEqual([
      [{ cached_tokens: 40, cache_write_tokens: 0 }],
      [{ cached_tokens: 0, cache_write_tokens: 0 }],
    ]);
  });

  it('rejects the run with the message of an SSE error event', async () => {
    server.enqueue(errorTurn({ code: 'server_error', message: 'The model crashed mid-stream.' }));
    const result = await runner.run(agent, 'hi', { stream: true });
    const { events, error } = await drainFailing(result);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).message).toContain('The model crashed mid-stream.');
    expect((error as APIError).code).toBe('server_error');
    expect(rawTypes(events)).toEqual(['response.created', 'response.in_progress']);
  });

  it('surfaces an HTTP 400 as an APIError with its status', async () => {
    server.enqueue(
      httpErrorTurn(400, {
        error: { message: 'Bad input item', type: 'invalid_request_error', param: 'input', code: null },
      }),
    );
    const { error: failure } = await drainFailing(await runner.run(agent, 'hi', { stream: true }));
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).status).toBe(400);
    expect((failure as APIError).message).toContain('Bad input item');
  });

  it('lets the client retry a 429 that carries retry-after-ms', async () => {
    const retrying = createRunner(server, 2);
    server.enqueue(
      httpErrorTurn(429, undefined, { headers: { 'retry-after-ms': '5' } }),
      textTurn('after retry'),
    );
    const result = await retrying.run(agent, 'hi', { stream: true });
    await collect(result);
    await result.completed;
    expect(result.finalOutput).toBe('after retry');
    expect(server.responseRequests()).toHaveLength(2);
  });

  it('fails loudly, without retries, when no turn is enqueued', async () => {
    const retrying = createRunner(server, 2);
    const failure = await retrying.run(agent, 'hi').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(APIError);
    expect(String((failure as APIError).message)).toContain('no turn enqueued');
    expect(server.responseRequests()).toHaveLength(1);
  });
});

describe('OpenAI test server driven by @openai/agents (stream: false)', () => {
  it('answers run() without streaming with one JSON response', async () => {
    server.enqueue(textTurn('Plain answer.', { usage: { inputTokens: 7, outputTokens: 3 } }));
    const result = await runner.run(agent, 'hi');

    expect(result.finalOutput).toBe('Plain answer.');
    expect(server.responseRequests()[0]?.body).toMatchObject({ stream: false });
    expect(result.state.usage).toMatchObject({ inputTokens: 7, outputTokens: 3, totalTokens: 10 });
  });

  it('runs tools and structured output without streaming', async () => {
    const add = tool({
      name: 'add',
      description: 'Add numbers',
      parameters: z.object({ a: z.number(), b: z.number() }),
      execute: async ({ a, b }) => String(a + b),
    });
    const Sum = z.object({ sum: z.number() });
    const math = new Agent({
      name: 'math',
      instructions: 'Add.',
      model: 'gpt-4.1',
      tools: [add],
      outputType: Sum,
    });
    server.enqueue(
      functionCallTurn({ name: 'add', arguments: { a: 2, b: 3 }, callId: 'call_add' }),
      structuredOutputTurn({ sum: 5 }),
    );
    const result = await runner.run(math, '2+3');

    expect(result.finalOutput).toEqual({ sum: 5 });
    expect(inputOf(1)).toContainEqual(
      expect.objectContaining({ type: 'function_call_output', call_id: 'call_add', output: '5' }),
    );
  });
});
