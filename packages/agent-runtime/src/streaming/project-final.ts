import type { JsonValue, LifecycleStatus, RunAttachment, TokenUsage } from '@starter/contracts';
import { finalStatus, RunAttachmentSchema } from '@starter/contracts';
import { failOpenToolCalls } from './project-function-tools.js';
import { emitError } from './project-run-events.js';
import type { ProjectionContext } from './projector-state.js';
import { isAbortError, normalizeRunError } from './run-errors.js';
import { flushPendingItemDone } from './tool-status.js';

/** What the runtime knows at the end of a run that the stream itself does not carry. */
export interface FinishContext {
  /** Parsed final output of an agent with an output type. */
  readonly structuredOutput?: JsonValue | undefined;
  /**
   * Stored files (ingested collected artifacts, output attachments); validated against the contract
   * (invalid ones are dropped and reported to `onInvalidAttachment`) and deduplicated by `object_id`.
   */
  readonly attachments?: readonly RunAttachment[] | undefined;
  /** Overrides the usage summed from the provider's responses. */
  readonly usage?: TokenUsage | null | undefined;
  /** Overrides the text of the last assistant message. */
  readonly responseText?: string | null | undefined;
  /** The exception that ended the run, if any (an abort error counts as a cancel). */
  readonly error?: unknown;
  /** The run was aborted (its `AbortSignal` fired): the stream ends cancelled. */
  readonly cancelled?: boolean | undefined;
  /** Why it was cancelled, for the `lifecycle` event; default `cancelled`. */
  readonly cancelReason?: string | null | undefined;
  /**
   * The run paused on tool approvals (`result.interruptions`); default: some call is still
   * `awaiting_approval`. The resumed run streams on a new stream.
   */
  readonly interrupted?: boolean | undefined;
}

/** The lifecycle reason of a stream that ended because its run paused for tool approvals. */
export const AWAITING_APPROVAL_REASON = 'awaiting_approval';

function validAttachments(ctx: ProjectionContext, list: readonly unknown[]): RunAttachment[] {
  const seen = new Map<string, RunAttachment>();
  for (const candidate of list) {
    const parsed = RunAttachmentSchema.safeParse(candidate);
    if (!parsed.success) {
      ctx.options.onInvalidAttachment(
        candidate,
        parsed.error.issues.map((issue) => issue.message).join('; '),
      );
      continue;
    }
    if (!seen.has(parsed.data.object_id)) seen.set(parsed.data.object_id, parsed.data);
  }
  return [...seen.values()];
}

function awaitingApproval(ctx: ProjectionContext): boolean {
  for (const call of ctx.state.tools.values())
    if (!call.finished && call.tool.status === 'awaiting_approval') return true;
  return false;
}

// A service lifecycle event (§2.3): how the client learns why a stream ended early without an error.
function emitServiceLifecycle(ctx: ProjectionContext, status: LifecycleStatus, reason: string): void {
  ctx.state.lastLifecycle = status;
  ctx.emit('lifecycle', { status, reason });
}

/**
 * Emits the root terminal if none was emitted yet, per §2.4/§2.5:
 * - a run error → `error` (open tool calls fail first); a refusal wins over the error the SDK raises
 *   for it (`ModelRefusalError`): the run did answer, by refusing;
 * - a cancel (abort) → `lifecycle cancelled` + `final` `cancelled`, as a cancelled workflow ends;
 * - a pause for tool approvals → `lifecycle incomplete` (reason `awaiting_approval`) + `final`
 *   `incomplete`: the contract has no "paused" status, and `incomplete` keeps exactly one terminal
 *   while telling the client the answer is still to come (on the resumed run's stream);
 * - otherwise `final` with the §2.4 status.
 */
export function emitFinish(ctx: ProjectionContext, context: FinishContext): void {
  const { state } = ctx;
  if (state.terminated) return;
  const refusalText = state.refusalText || null;
  const cancelled = context.cancelled === true || isAbortError(context.error);
  if (context.error !== undefined && !refusalText && !cancelled) {
    const error = normalizeRunError(context.error);
    emitError(ctx, error.source, error.message, error.code);
    return;
  }
  if (cancelled) failOpenToolCalls(ctx, null);
  const paused = !cancelled && (context.interrupted ?? awaitingApproval(ctx));
  for (const call of state.tools.values()) flushPendingItemDone(ctx, call);
  if (cancelled && state.lastLifecycle !== 'cancelled')
    emitServiceLifecycle(ctx, 'cancelled', context.cancelReason || 'cancelled');
  if (paused) emitServiceLifecycle(ctx, 'incomplete', AWAITING_APPROVAL_REASON);
  const reasoning =
    state.reasoningTexts.length > 0 ? state.reasoningTexts : [...state.reasoningParts.values()];
  const responseText = context.responseText !== undefined ? context.responseText : state.lastMessageText;
  const structuredOutput = context.structuredOutput ?? null;
  const status = finalStatus({
    refusalText,
    lastLifecycleStatus: state.lastLifecycle,
    responseText,
    structuredOutput,
  });
  ctx.emit('final', {
    final: {
      status,
      response_text: responseText,
      structured_output: structuredOutput,
      reasoning_summary_text: reasoning.length > 0 ? reasoning.join('\n\n') : null,
      refusal_text: refusalText,
      attachments: validAttachments(ctx, context.attachments ?? []),
      usage: context.usage !== undefined ? context.usage : state.usage,
    },
  });
  state.terminated = true;
}
