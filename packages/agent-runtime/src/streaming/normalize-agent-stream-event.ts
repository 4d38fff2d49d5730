import type { RunStreamEvent } from '@openai/agents';
import type {
  AgentStreamEvent,
  NormalizedRunItem,
  RawResponseEvent,
  RunItemKind,
} from './agent-stream-event.js';

type Loose = Record<string, unknown>;

function isRecord(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

const RUN_ITEM_KINDS: Readonly<Record<string, RunItemKind>> = {
  message_output_item: 'message',
  tool_call_item: 'tool_call',
  tool_call_output_item: 'tool_output',
  tool_approval_item: 'tool_approval',
  handoff_call_item: 'handoff_call',
  handoff_output_item: 'handoff_output',
  reasoning_item: 'reasoning',
};

function normalizeRunItem(item: unknown): NormalizedRunItem {
  const record = isRecord(item) ? item : {};
  const raw = isRecord(record.rawItem) ? record.rawItem : {};
  const agent = isRecord(record.agent) ? stringOrNull(record.agent.name) : null;
  return {
    kind: RUN_ITEM_KINDS[String(record.type)] ?? 'other',
    rawType: stringOrNull(raw.type),
    callId: stringOrNull(raw.callId) ?? stringOrNull(raw.id),
    name: stringOrNull(raw.name),
    // Tool output items carry the tool's return value on the item; the raw item holds its text form.
    output: 'output' in record ? record.output : raw.output,
    status: stringOrNull(raw.status),
    agent,
  };
}

/**
 * Turns one `@openai/agents` stream event into the runtime's {@link AgentStreamEvent}, or `null` for
 * SDK-level events the projector does not need (`response_started`, `output_text_delta`, … duplicate the
 * raw Responses events that follow them).
 */
export function normalizeAgentStreamEvent(sdkEvent: RunStreamEvent): AgentStreamEvent | null {
  if (sdkEvent.type === 'raw_model_stream_event') {
    const data: unknown = sdkEvent.data;
    if (!isRecord(data) || data.type !== 'model' || !isRecord(data.event)) return null;
    const event = data.event;
    if (typeof event.type !== 'string') return null;
    return { type: 'raw_response', event: event as RawResponseEvent };
  }
  if (sdkEvent.type === 'run_item_stream_event') {
    return { type: 'run_item', name: sdkEvent.name, item: normalizeRunItem(sdkEvent.item) };
  }
  return { type: 'agent_updated', agent: sdkEvent.agent.name };
}
