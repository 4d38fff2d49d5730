import { OpenAIProvider, Runner } from '@openai/agents';
import OpenAI from 'openai';
import type { OpenAiTestServer } from './openai-test-server.js';

/** A Runner whose models are the real OpenAI Responses provider pointed at `server` (no retries, no tracing). */
export function createOpenAiTestRunner(server: OpenAiTestServer): Runner {
  const openAIClient = new OpenAI({ apiKey: 'test', baseURL: server.baseURL, maxRetries: 0 });
  return new Runner({
    modelProvider: new OpenAIProvider({ openAIClient, useResponses: true }),
    tracingDisabled: true,
  });
}
