import type { ConversationTurn } from './guardrail-spec.js';

/** Splits SDK run input into the latest user message (what input checks judge) and the history before it. */
export function splitConversation(input: string | readonly unknown[]): {
  text: string;
  history: ConversationTurn[];
} {
  if (typeof input === 'string') return { text: input, history: [] };
  const turns = itemsToTurns(input);
  let lastUser = -1;
  for (let index = turns.length - 1; index >= 0; index--) {
    if (turns[index]?.role === 'user') {
      lastUser = index;
      break;
    }
  }
  if (lastUser < 0) return { text: '', history: turns };
  return { text: turns[lastUser]?.content ?? '', history: turns.slice(0, lastUser) };
}

/** Readable turns from SDK items: user/assistant messages, tool calls and tool results; others are skipped. */
export function itemsToTurns(items: readonly unknown[]): ConversationTurn[] {
  const turns: ConversationTurn[] = [];
  for (const item of items) {
    if (!isRecord(item)) continue;
    const type = item.type ?? 'message';
    if (type === 'message' && (item.role === 'user' || item.role === 'assistant')) {
      const content = contentText(item.content);
      if (content !== '') turns.push({ role: item.role, content });
    } else if (type === 'function_call' && typeof item.name === 'string') {
      turns.push({ role: 'assistant', content: `[tool call ${item.name}] ${String(item.arguments ?? '')}` });
    } else if (type === 'function_call_result' || type === 'function_call_output') {
      turns.push({ role: 'tool', content: `[tool result] ${contentText(item.output)}` });
    }
  }
  return turns;
}

/** The text of a message content (string, or parts with `text`), or of any other value as JSON. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
      .filter((text) => text !== '')
      .join('\n');
  }
  if (isRecord(content) && typeof content.text === 'string') return content.text;
  if (content === undefined || content === null) return '';
  return JSON.stringify(content);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
