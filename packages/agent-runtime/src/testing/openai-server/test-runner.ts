import { OpenAIProvider, Runner } from '@openai/agents';
import OpenAI from 'openai';
import type { OpenAiTestServer } from './openai-test-server.js';

export interface OpenAiTestClientOptions {
  /** The client's retries (default 0: a scripted failure reaches the test as it is). */
  readonly maxRetries?: number | undefined;
}

/** The real OpenAI Responses provider, its client pointed at `server`. */
export function createOpenAiTestProvider(
  server: Pick<OpenAiTestServer, 'baseURL'>,
  options: OpenAiTestClientOptions = {},
): OpenAIProvider {
  const openAIClient = new OpenAI({
    apiKey: 'test',
    baseURL: server.baseURL,
    maxRetries: options.maxRetries ?? 0,
  });
  return new OpenAIProvider({ openAIClient, useResponses: true });
}

/** A Runner whose models are the real OpenAI Responses provider pointed at `server` (no tracing). */
export function createOpenAiTestRunner(
  server: Pick<OpenAiTestServer, 'baseURL'>,
  options: OpenAiTestClientOptions = {},
): Runner {
  return new Runner({ modelProvider: createOpenAiTestProvider(server, options), tracingDisabled: true });
}
