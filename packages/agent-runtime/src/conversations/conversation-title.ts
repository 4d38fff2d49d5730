import type { ModelProvider } from '@openai/agents';

/** What {@link streamConversationTitle} needs. */
export interface TitleRequest {
  readonly modelProvider: ModelProvider;
  /** The model to ask; the provider's default when absent. */
  readonly model?: string | undefined;
  /** The conversation's first user message. */
  readonly message: string;
  readonly signal?: AbortSignal | undefined;
  /** Stop streaming once the title is this long (a chatty model must not write an essay). */
  readonly maxChars?: number | undefined;
}

const INSTRUCTIONS =
  'Write a short title (at most six words) for a conversation that starts with the user message below. ' +
  'Answer with the title only: no quotes, no trailing punctuation.';

const DEFAULT_MAX_CHARS = 80;
// One message is plenty for a title; a huge paste only costs tokens.
const MAX_MESSAGE_CHARS = 4_000;

/**
 * Streams a generated conversation title as text chunks (spec §1.12 title stream). The chunks, joined,
 * are the title before trimming; the caller stores `title.trim()`. Stops at `maxChars`.
 */
export async function* streamConversationTitle(request: TitleRequest): AsyncGenerator<string> {
  const maxChars = request.maxChars ?? DEFAULT_MAX_CHARS;
  const model = await request.modelProvider.getModel(request.model);
  let length = 0;
  const events = model.getStreamedResponse({
    systemInstructions: INSTRUCTIONS,
    input: [{ type: 'message', role: 'user', content: request.message.slice(0, MAX_MESSAGE_CHARS) }],
    modelSettings: { maxTokens: 32 },
    tools: [],
    outputType: 'text',
    handoffs: [],
    tracing: false,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  for await (const event of events) {
    if (event.type !== 'output_text_delta' || event.delta === '') continue;
    const chunk = event.delta.replace(/[\r\n]+/g, ' ').slice(0, maxChars - length);
    if (chunk === '') break;
    length += chunk.length;
    yield chunk;
    if (length >= maxChars) break;
  }
}
