import OpenAI, { APIError } from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chunkText } from './chunk-text.js';
import { functionCallItem } from './function-call-item.js';
import { messageItem } from './message-item.js';
import { createOpenAiTestServer, type OpenAiTestServer } from './openai-test-server.js';
import { reasoningItem } from './reasoning-item.js';
import { errorTurn, httpErrorTurn, responseTurn, textTurn } from './turns.js';

let server: OpenAiTestServer;

beforeEach(async () => {
  server = await createOpenAiTestServer();
});

afterEach(async () => {
  await server.close();
});

interface Frame {
  readonly event: string | undefined;
  readonly data: Record<string, unknown> & { type: string; sequence_number: number };
}

function parseFrames(text: string): Frame[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length);
      const data = lines.find((line) => line.startsWith('data: '))?.slice('data: '.length) ?? 'null';
      return { event, data: JSON.parse(data) as Frame['data'] };
    });
}

function postResponses(
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.baseURL}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-secret', ...headers },
    body: JSON.stringify(body),
  });
}

describe('createOpenAiTestServer: Responses API wire format', () => {
  it('frames a streamed turn as named SSE events numbered from 0, ending with the full response', async () => {
    server.enqueue(
      responseTurn(
        [
          reasoningItem(['Plan.']),
          functionCallItem({ name: 'lookup', arguments: { q: 'x' }, callId: 'call_1' }),
          messageItem('All done here.'),
        ],
        { usage: { inputTokens: 11, outputTokens: 7, cachedTokens: 3, reasoningTokens: 2 }, model: 'gpt-5' },
      ),
    );
    const response = await postResponses({
      model: 'gpt-4.1',
      input: 'hi',
      instructions: 'Be kind.',
      stream: true,
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    const frames = parseFrames(await response.text());
    expect(frames.every((frame) => frame.event === frame.data.type)).toBe(true);
    expect(frames.map((frame) => frame.data.sequence_number)).toEqual(frames.map((_, index) => index));
    expect(frames[0]?.data).toMatchObject({
      type: 'response.created',
      response: {
        object: 'response',
        status: 'in_progress',
        output: [],
        usage: null,
        instructions: 'Be kind.',
      },
    });
    expect(frames[1]?.data.type).toBe('response.in_progress');
    const last = frames.at(-1)?.data as unknown as { type: string; response: Record<string, unknown> };
    expect(last.type).toBe('response.completed');
    expect(last.response).toMatchObject({
      status: 'completed',
      model: 'gpt-5',
      usage: {
        input_tokens: 11,
        output_tokens: 7,
        total_tokens: 18,
        input_tokens_details: { cached_tokens: 3 },
        output_tokens_details: { reasoning_tokens: 2 },
      },
    });
    expect((last.response.id as string).startsWith('resp_')).toBe(true);
    expect(frames[0]?.data.response).toMatchObject({ id: last.response.id });
    const doneItems = frames
      .filter((frame) => frame.data.type === 'response.output_item.done')
      .map((frame) => frame.data.item);
    expect(last.response.output).toEqual(doneItems);
    expect(doneItems.map((item) => (item as { type: string }).type)).toEqual([
      'reasoning',
      'function_call',
      'message',
    ]);
    const indexes = frames
      .filter((frame) => frame.data.type === 'response.output_item.added')
      .map((frame) => frame.data.output_index);
    expect(indexes).toEqual([0, 1, 2]);
    const argumentDeltas = frames
      .filter((frame) => frame.data.type === 'response.function_call_arguments.delta')
      .map((frame) => frame.data.delta);
    expect(argumentDeltas.join('')).toBe('{"q":"x"}');
  });

  it('answers the same turn as one JSON response object when stream is false', async () => {
    server.enqueue(textTurn('Plain.', { usage: { inputTokens: 4, outputTokens: 2 } }));
    const response = await postResponses({
      model: 'gpt-4.1',
      input: 'hi',
      stream: false,
      previous_response_id: 'resp_prev',
    });

    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'gpt-4.1',
      previous_response_id: 'resp_prev',
      output: [
        {
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Plain.', annotations: [] }],
        },
      ],
      usage: { input_tokens: 4, output_tokens: 2, total_tokens: 6 },
    });
    expect(body).not.toHaveProperty('output_text');
  });

  it('records every request without its authorization header', async () => {
    server.enqueue(textTurn('ok'));
    await (await postResponses({ model: 'gpt-4.1', input: 'hi', stream: true }, { 'x-trace': 't1' })).text();
    await fetch(`${server.baseURL}/models?limit=2`, { headers: { authorization: 'Bearer sk-secret' } });

    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /v1/responses',
      'GET /v1/models',
    ]);
    const [post, get] = server.requests;
    expect(post?.headers).toMatchObject({ 'x-trace': 't1', 'content-type': 'application/json' });
    expect(post?.headers).not.toHaveProperty('authorization');
    expect(post?.body).toEqual({ model: 'gpt-4.1', input: 'hi', stream: true });
    expect(get?.query).toEqual({ limit: '2' });
    expect(server.responseRequests()).toHaveLength(1);
  });

  it('answers a 500 that names the problem when no turn is enqueued', async () => {
    const response = await postResponses({ model: 'gpt-4.1', input: 'hi', stream: true });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-should-retry')).toBe('false');
    const body = (await response.json()) as { error: { message: string; code: string } };
    expect(body.error.code).toBe('no_turn_enqueued');
    expect(body.error.message).toContain('call #1');
  });

  it('ends a stream error turn with the API reference error event', async () => {
    server.enqueue(
      errorTurn({ code: 'rate_limit_exceeded', message: 'Slow down.', before: [messageItem('partial')] }),
    );
    const frames = parseFrames(await (await postResponses({ input: 'hi', stream: true })).text());
    expect(frames.at(-1)).toEqual({
      event: 'error',
      data: {
        type: 'error',
        code: 'rate_limit_exceeded',
        message: 'Slow down.',
        param: null,
        sequence_number: frames.length - 1,
      },
    });
    expect(frames.map((frame) => frame.data.type)).not.toContain('response.completed');
    expect(frames.map((frame) => frame.data.type)).toContain('response.output_text.delta');
  });

  it('answers a stream error turn without streaming as a 500 JSON error', async () => {
    server.enqueue(errorTurn({ code: 'server_error', message: 'Boom.' }));
    const response = await postResponses({ input: 'hi', stream: false });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { message: 'Boom.', type: 'server_error', param: null, code: 'server_error' },
    });
  });

  it('sends HTTP error turns with an API-shaped default body and the given headers', async () => {
    server.enqueue(httpErrorTurn(429, undefined, { headers: { 'retry-after': '1' } }));
    const response = await postResponses({ input: 'hi', stream: true });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringContaining('Rate limit'),
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
  });

  it('stalls after hangAfter events and keeps the connection open until the server closes', async () => {
    server.enqueue(textTurn('one two three', { hangAfter: 'response.output_text.delta' }));
    const response = await postResponses({ input: 'hi', stream: true });
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error('no body');
    const decoder = new TextDecoder();
    let text = '';
    while (parseFrames(text).length < 5) {
      const chunk = await reader.read();
      if (chunk.done) throw new Error(`stream ended early after: ${text}`);
      text += decoder.decode(chunk.value, { stream: true });
    }
    expect(
      parseFrames(text)
        .map((frame) => frame.data.type)
        .at(-1),
    ).toBe('response.output_text.delta');

    // A cleanly ended stream would report done; a stalled one only ends when the server drops it.
    const next = reader.read().then(
      (chunk) => (chunk.done ? 'ended cleanly' : 'more data'),
      () => 'connection dropped',
    );
    await server.close();
    expect(await next).toBe('connection dropped');
    server = await createOpenAiTestServer();
  });

  it('stalls a non-streamed request with hangAfter until the client gives up', async () => {
    server.enqueue(textTurn('never sent', { hangAfter: 0 }));
    const client = new OpenAI({ apiKey: 'k', baseURL: server.baseURL, maxRetries: 0 });
    const controller = new AbortController();
    const pending = client.responses.create({ model: 'gpt-4.1', input: 'hi' }, { signal: controller.signal });
    while (server.responseRequests().length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });

  it('delivers every event of a delayed stream', async () => {
    server.enqueue(textTurn('a b', { delayMs: 5 }));
    const frames = parseFrames(await (await postResponses({ input: 'hi', stream: true })).text());
    expect(
      frames
        .filter((frame) => frame.data.type === 'response.output_text.delta')
        .map((frame) => frame.data.delta),
    ).toEqual(['a ', 'b']);
    expect(frames.at(-1)?.data.type).toBe('response.completed');
  });
});

describe('createOpenAiTestServer: other endpoints through the official client', () => {
  it('answers moderations: not flagged by default, scripted results when enqueued', async () => {
    const client = new OpenAI({ apiKey: 'k', baseURL: server.baseURL, maxRetries: 0 });
    const clean = await client.moderations.create({ model: 'omni-moderation-latest', input: ['a', 'b'] });
    expect(clean.results.map((result) => result.flagged)).toEqual([false, false]);
    expect(clean.results[0]?.categories.violence).toBe(false);

    server.enqueueModeration([{ categories: { violence: true }, scores: { violence: 0.97 } }]);
    const flagged = await client.moderations.create({ input: 'bad' });
    expect(flagged.results[0]).toMatchObject({
      flagged: true,
      categories: { violence: true, hate: false },
      category_scores: { violence: 0.97 },
    });
    expect(server.requests.at(-1)?.body).toEqual({ input: 'bad' });
  });

  it('lists models and 404s unknown routes like the API', async () => {
    const client = new OpenAI({ apiKey: 'k', baseURL: server.baseURL, maxRetries: 0 });
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('gpt-4.1');
    expect((await client.models.retrieve('gpt-4.1')).owned_by).toBe('openai');

    const failure = await client.files.list().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).status).toBe(404);
    expect((failure as APIError).message).toContain('Invalid URL (GET /v1/files)');
  });
});

describe('chunkText', () => {
  it('splits into words by default, into n pieces, or into the exact chunks given', () => {
    expect(chunkText('Hello big world', undefined)).toEqual(['Hello ', 'big ', 'world']);
    expect(chunkText('abcdef', 3)).toEqual(['ab', 'cd', 'ef']);
    expect(chunkText('{"a":1}', undefined, 3)).toEqual(['{"a', '":1', '}']);
    expect(chunkText('abc', ['a', 'bc'])).toEqual(['a', 'bc']);
    expect(() => chunkText('abc', ['a', 'b'])).toThrow(/do not join/);
  });
});
