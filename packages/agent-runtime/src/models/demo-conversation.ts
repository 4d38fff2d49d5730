import type { AgentInputItem } from '@openai/agents-core';

/** A tool result the runner fed back to the model after one of its function calls. */
export interface DemoToolResult {
  readonly name: string;
  readonly callId: string;
  readonly output: string;
}

/** What the demo model reads from a request's input: the user's latest words and what happened since. */
export interface DemoConversation {
  /** Text of the last user message ('' when the input has none, e.g. after a `fresh` handoff filter). */
  readonly lastUserMessage: string;
  /** Whether a function call (tool or handoff) was already made in answer to that message. */
  readonly actedSinceUserMessage: boolean;
  /** Tool results that end the input: the model owes an answer about them. */
  readonly pendingToolResults: readonly DemoToolResult[];
}

/** Reads the demo-relevant facts from a model request's input. */
export function readDemoConversation(input: string | readonly AgentInputItem[]): DemoConversation {
  if (typeof input === 'string') {
    return { lastUserMessage: input, actedSinceUserMessage: false, pendingToolResults: [] };
  }
  let lastUserIndex = -1;
  input.forEach((item, index) => {
    if ('role' in item && item.role === 'user') lastUserIndex = index;
  });
  const userItem = lastUserIndex >= 0 ? input[lastUserIndex] : undefined;
  const since = input.slice(lastUserIndex + 1);
  return {
    lastUserMessage: userItem && 'role' in userItem ? contentText(userItem.content) : '',
    actedSinceUserMessage: since.some((item) => item.type === 'function_call'),
    pendingToolResults: trailingToolResults(since),
  };
}

function trailingToolResults(items: readonly AgentInputItem[]): DemoToolResult[] {
  const results: DemoToolResult[] = [];
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index];
    if (item?.type !== 'function_call_result') break;
    results.unshift({ name: item.name, callId: item.callId, output: contentText(item.output) });
  }
  return results;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(contentText).filter(Boolean).join('\n');
  if (typeof content === 'object' && content !== null) {
    const part = content as { type?: unknown; text?: unknown };
    if (typeof part.text === 'string') return part.text;
    if (typeof part.type === 'string') return `[${part.type}]`;
  }
  return '';
}
