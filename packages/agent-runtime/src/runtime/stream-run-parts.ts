import type { Agent, RunStreamEvent, StreamedRunResult } from '@openai/agents';
import type { JsonValue, PublicSseEvent } from '@starter/contracts';
import type { reportOf } from './model-usage.js';
import type { PendingApproval } from './pending-approvals.js';
import type { AgentRunContext } from './run-context.js';
import type { AgentRunStatus } from './run-events.js';

// Small pure helpers of `streamAgentRun`, kept apart so the run loop reads on its own.

// biome-ignore lint/suspicious/noExplicitAny: agents of any output type run here.
type AnyAgent = Agent<AgentRunContext, any>;

const HIDDEN_WHEN_BLOCKED = new Set<string>(['message.delta', 'message.citation']);

/** Drops the answer of a blocked run and renumbers what is left: event ids stay contiguous (§2.5). */
export function withoutAnswer(frames: readonly PublicSseEvent[]): PublicSseEvent[] {
  const first = frames[0]?.event_id ?? 1;
  return frames
    .filter((frame) => !HIDDEN_WHEN_BLOCKED.has(frame.kind))
    .map((frame, index) => ({ ...frame, event_id: first + index }));
}

export function structuredOutputOf(
  result: StreamedRunResult<AgentRunContext, AnyAgent> | undefined,
): JsonValue | null {
  if (!result) return null;
  const agent = result.lastAgent;
  if (!agent || agent.outputType === 'text') return null;
  const output = result.finalOutput as unknown;
  return output === undefined ? null : (output as JsonValue);
}

export function statusOf(
  failure: unknown,
  cancelled: boolean,
  pending: readonly PendingApproval[],
): AgentRunStatus {
  if (cancelled) return 'cancelled';
  if (failure !== undefined) return 'failed';
  return pending.length > 0 ? 'interrupted' : 'completed';
}

export const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

export type UsageOfResponse = Parameters<typeof reportOf>[2];

/** The `response_done` model event carried by a raw SDK stream event, if it is one. */
export function responseDoneOf(
  event: RunStreamEvent,
): { readonly response: { readonly id?: string; readonly usage: UsageOfResponse } } | null {
  if (event.type !== 'raw_model_stream_event') return null;
  const data = event.data as { type?: unknown; response?: { id?: string; usage?: UsageOfResponse } };
  if (data.type !== 'response_done' || !data.response?.usage) return null;
  return data as { response: { id?: string; usage: UsageOfResponse } };
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
