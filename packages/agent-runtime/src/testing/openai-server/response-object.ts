import type { Response, ResponseOutputItem, ResponseUsage } from 'openai/resources/responses/responses';
import type { UsageSpec } from './turn-types.js';

/**
 * A response object as it travels on the wire: `usage` is null until the response completes, `store` is
 * echoed by the API though the SDK type omits it, and `output_text` is an SDK convenience, never sent.
 */
export type WireResponse = Omit<Response, 'output_text' | 'usage'> & {
  usage: ResponseUsage | null;
  store: boolean;
};

/** Everything the server needs to describe one response at a point of its life. */
export interface ResponseObjectInput {
  readonly id: string;
  readonly createdAt: number;
  readonly request: Readonly<Record<string, unknown>>;
  readonly model: string | undefined;
  readonly status: 'in_progress' | 'completed' | 'failed';
  readonly output: readonly ResponseOutputItem[];
  readonly usage: ResponseUsage | null;
}

const DEFAULT_MODEL = 'gpt-4.1';

/** Builds the response object, echoing the request's settings the way the API does. */
export function buildResponseObject(input: ResponseObjectInput): WireResponse {
  const { request } = input;
  const echo = <T>(key: string, fallback: T): T => (request[key] ?? fallback) as T;
  return {
    id: input.id,
    object: 'response',
    access_programs: null,
    created_at: input.createdAt,
    status: input.status,
    ...(input.status === 'completed' ? { completed_at: Math.floor(Date.now() / 1000) } : {}),
    background: echo('background', false),
    error: null,
    incomplete_details: null,
    instructions: echo('instructions', null),
    max_output_tokens: echo('max_output_tokens', null),
    model: input.model ?? echo('model', DEFAULT_MODEL),
    output: [...input.output],
    parallel_tool_calls: echo('parallel_tool_calls', true),
    previous_response_id: echo('previous_response_id', null),
    reasoning: echo('reasoning', { effort: null, summary: null }),
    service_tier: 'default',
    store: echo('store', true),
    temperature: echo('temperature', 1),
    text: echo('text', { format: { type: 'text' } }),
    tool_choice: echo('tool_choice', 'auto'),
    tools: echo('tools', []),
    top_p: echo('top_p', 1),
    truncation: echo('truncation', 'disabled'),
    usage: input.usage,
    metadata: echo('metadata', {}),
  };
}

/** The usage block: scripted numbers where given, rough estimates (4 characters a token) elsewhere. */
export function buildUsage(
  spec: UsageSpec | undefined,
  request: Readonly<Record<string, unknown>>,
  output: readonly ResponseOutputItem[],
): ResponseUsage {
  const inputTokens = spec?.inputTokens ?? estimateTokens(JSON.stringify(request.input ?? ''));
  const outputTokens = spec?.outputTokens ?? estimateTokens(JSON.stringify(output));
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: spec?.cachedTokens ?? 0, cache_write_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: spec?.reasoningTokens ?? 0 },
    total_tokens: inputTokens + outputTokens,
  };
}

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
