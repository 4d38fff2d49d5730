import type { RunItem } from '@openai/agents';

/** One item a run added to the conversation, flattened for the run-event log (`agent_run_events`). */
export interface RunItemRecord {
  /** SDK item type: message_output_item, tool_call_item, tool_call_output_item, reasoning_item, handoff_*… */
  readonly itemType: string;
  readonly name: string | null;
  readonly role: string | null;
  /** SDK agent name (display name) that produced the item. */
  readonly agentName: string | null;
  readonly toolCallId: string | null;
  readonly toolName: string | null;
  readonly content: string | null;
  readonly arguments: string | null;
  readonly output: string | null;
}

type Raw = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function contentText(raw: Raw): string | null {
  if (typeof raw.content === 'string') return raw.content;
  if (!Array.isArray(raw.content)) return null;
  const parts = raw.content
    .map((part) => (part as Raw).text ?? (part as Raw).refusal)
    .filter((part): part is string => typeof part === 'string');
  return parts.length > 0 ? parts.join('') : null;
}

function reasoningText(raw: Raw): string | null {
  const parts = [raw.content, raw.summary]
    .flatMap((list) => (Array.isArray(list) ? list : []))
    .map((part) => (part as Raw).text)
    .filter((part): part is string => typeof part === 'string');
  return parts.length > 0 ? parts.join('\n') : null;
}

function outputText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  const raw = value as Raw;
  if (raw.type === 'text' && typeof raw.text === 'string') return raw.text;
  return JSON.stringify(value);
}

/** Flattens the SDK's run items (`result.newItems`) for the run-event log. */
export function describeRunItems(items: readonly RunItem[]): RunItemRecord[] {
  return items.map((item) => {
    const raw = item.rawItem as unknown as Raw;
    const provider = (raw.providerData ?? {}) as Raw;
    const toolName = text(raw.name) ?? text(provider.name) ?? null;
    return {
      itemType: item.type,
      name: text(raw.type),
      role: text(raw.role),
      agentName: 'agent' in item && item.agent ? item.agent.name : null,
      toolCallId: text(raw.callId) ?? (item.type.startsWith('tool_') ? text(raw.id) : null),
      toolName: item.type.startsWith('tool_') || item.type.startsWith('handoff') ? toolName : null,
      content: item.type === 'reasoning_item' ? reasoningText(raw) : contentText(raw),
      arguments: text(raw.arguments) ?? text(provider.arguments),
      output:
        item.type === 'tool_call_output_item' || item.type === 'handoff_output_item'
          ? outputText(raw.output)
          : null,
    };
  });
}
