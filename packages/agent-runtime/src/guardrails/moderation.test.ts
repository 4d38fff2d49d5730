import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiTestServer, type OpenAiTestServer } from '../testing/openai-server/index.js';
import { createGuardrailRegistry } from './guardrail-registry.js';

const spec = createGuardrailRegistry().require('moderation');
let server: OpenAiTestServer;
let openai: OpenAI;

beforeEach(async () => {
  server = await createOpenAiTestServer();
  openai = new OpenAI({ apiKey: 'test', baseURL: server.baseURL, maxRetries: 0 });
});

afterEach(async () => {
  await server.close();
});

function check(text: string, config: Record<string, unknown> = {}) {
  return spec.check(
    { text, history: [] },
    { ...spec.defaultConfig, ...config },
    { moderationClient: openai },
  );
}

describe('moderation', () => {
  it('sends the text to the moderation endpoint with the configured model', async () => {
    server.enqueueModeration([{}]);
    const result = await check('hello there');
    expect(result.info.flagged).toBe(false);
    expect(result.executionFailed).toBe(false);
    const request = server.requests.find((recorded) => recorded.path === '/v1/moderations');
    expect(request?.body).toEqual({ model: 'omni-moderation-latest', input: 'hello there' });
  });

  it('flags a selected category whose score reaches the threshold, even when the API did not flag it', async () => {
    server.enqueueModeration([{ flagged: false, scores: { violence: 0.35, hate: 0.1 } }]);
    const result = await check('text', { categories: ['violence', 'hate'], threshold: 0.3 });
    expect(result.tripwireTriggered).toBe(true);
    expect(result.info).toMatchObject({ flagged: true, flagged_categories: ['violence'] });
    expect(result.confidence).toBe(0.35);
  });

  it('ignores categories that are not selected', async () => {
    server.enqueueModeration([{ categories: { harassment: true }, scores: { harassment: 0.99 } }]);
    const result = await check('text', { categories: ['hate', 'violence', 'sexual/minors'], threshold: 0.7 });
    expect(result.info.flagged).toBe(false);
  });

  it('flags a category the API flagged even below the threshold; empty categories select all', async () => {
    server.enqueueModeration([
      { categories: { 'self-harm/intent': true }, scores: { 'self-harm/intent': 0.2 } },
    ]);
    const result = await check('text', { threshold: 0.9 });
    expect(result.info).toMatchObject({ flagged: true, flagged_categories: ['self-harm/intent'] });
  });

  it('reports execution_failed, not a pass, without a client or when the API fails', async () => {
    const noClient = await spec.check({ text: 'x', history: [] }, { ...spec.defaultConfig }, {});
    expect(noClient).toMatchObject({ executionFailed: true, tripwireTriggered: false });
    expect(noClient.error).toMatch(/No OpenAI client/);

    const broken = new OpenAI({ apiKey: 'test', baseURL: `${server.baseURL}/missing`, maxRetries: 0 });
    const failed = await spec.check(
      { text: 'x', history: [] },
      { ...spec.defaultConfig },
      { moderationClient: broken },
    );
    expect(failed.executionFailed).toBe(true);
    expect(failed.error).toMatch(/Moderation request failed/);
  });
});
