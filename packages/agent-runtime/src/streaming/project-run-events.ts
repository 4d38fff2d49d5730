import type { LifecycleStatus, TokenUsage } from '@starter/contracts';
import type { RawResponseEvent, StreamErrorSource } from './agent-stream-event.js';
import { numberField, recordField, sequenceOf, stringField } from './output-items.js';
import { failOpenToolCalls } from './project-function-tools.js';
import type { ProjectionContext } from './projector-state.js';

const LIFECYCLE: Readonly<Record<string, LifecycleStatus>> = {
  'response.created': 'in_progress',
  'response.in_progress': 'in_progress',
  'response.queued': 'queued',
  'response.completed': 'completed',
  'response.failed': 'failed',
  'response.incomplete': 'incomplete',
};

function addUsage(current: TokenUsage | null, usage: Record<string, unknown>): TokenUsage {
  const read = (key: string) => numberField(usage, key) ?? 0;
  const input = read('input_tokens');
  const output = read('output_tokens');
  const base = current ?? {
    input_tokens: 0,
    output_tokens: 0,
    total_tokens: 0,
    cached_input_tokens: 0,
    reasoning_output_tokens: 0,
    requests: 0,
  };
  return {
    input_tokens: base.input_tokens + input,
    output_tokens: base.output_tokens + output,
    total_tokens: base.total_tokens + (numberField(usage, 'total_tokens') ?? input + output),
    cached_input_tokens:
      (base.cached_input_tokens ?? 0) +
      (numberField(recordField(usage, 'input_tokens_details'), 'cached_tokens') ?? 0),
    reasoning_output_tokens:
      (base.reasoning_output_tokens ?? 0) +
      (numberField(recordField(usage, 'output_tokens_details'), 'reasoning_tokens') ?? 0),
    requests: (base.requests ?? 0) + 1,
  };
}

/** Response lifecycle events (`lifecycle`, deduplicated) and the usage each finished response reports. */
export function projectLifecycleEvent(ctx: ProjectionContext, event: RawResponseEvent): boolean {
  const status = LIFECYCLE[event.type];
  if (!status) return false;
  const response = recordField(event, 'response');
  const responseId = stringField(response, 'id');
  if (responseId) ctx.state.responseId = responseId;
  if (status === 'completed' || status === 'failed' || status === 'incomplete') {
    const usage = recordField(response, 'usage');
    if (Object.keys(usage).length > 0) ctx.state.usage = addUsage(ctx.state.usage, usage);
  }
  // `response.created` and `response.in_progress` both mean in_progress: the client hears it once.
  if (ctx.state.lastLifecycle === status) return true;
  ctx.state.lastLifecycle = status;
  const reason = stringField(recordField(response, 'incomplete_details'), 'reason');
  ctx.emit('lifecycle', { status, ...(reason ? { reason } : {}) }, sequenceOf(event));
  return true;
}

/** The SDK switched agents: the first agent is the stream's own, later changes are handoffs. */
export function projectAgentUpdated(ctx: ProjectionContext, agent: string): void {
  const { state } = ctx;
  if (state.agent === agent) return;
  if (state.agent === null) {
    state.agent = agent;
    return;
  }
  const from = state.agent;
  state.agent = agent;
  state.handoffIndex += 1;
  ctx.emit('agent.updated', { from_agent: from, to_agent: agent, handoff_index: state.handoffIndex });
}

/** The terminal `error` event, after failing the tool calls the error left open. */
export function emitError(
  ctx: ProjectionContext,
  source: StreamErrorSource,
  message: string,
  code: string | null | undefined,
  extras: { providerSequence?: number } = {},
): void {
  failOpenToolCalls(ctx, { error: message || 'Stream failed.' });
  ctx.emit(
    'error',
    { error: { code: code ?? null, message: message || 'Stream failed.', source, is_retryable: false } },
    extras,
  );
  ctx.state.terminated = true;
}
