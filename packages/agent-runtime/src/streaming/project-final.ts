import type { JsonValue, RunAttachment, TokenUsage } from '@starter/contracts';
import { finalStatus } from '@starter/contracts';
import { normalizeRunError } from './normalize-agent-stream-event.js';
import { emitError } from './project-run-events.js';
import type { ProjectionContext } from './projector-state.js';
import { flushPendingItemDone } from './tool-status.js';

/** What the runtime knows at the end of a run that the stream itself does not carry. */
export interface FinishContext {
  /** Parsed final output of an agent with an output type. */
  readonly structuredOutput?: JsonValue | undefined;
  /** Stored files (container files, generated images), deduplicated by `object_id`. */
  readonly attachments?: readonly RunAttachment[] | undefined;
  /** Overrides the usage summed from the provider's responses. */
  readonly usage?: TokenUsage | null | undefined;
  /** Overrides the text of the last assistant message. */
  readonly responseText?: string | null | undefined;
  /** The exception that ended the run, if any. */
  readonly error?: unknown;
}

function dedupeAttachments(list: readonly RunAttachment[]): RunAttachment[] {
  const seen = new Map<string, RunAttachment>();
  for (const attachment of list)
    if (!seen.has(attachment.object_id)) seen.set(attachment.object_id, attachment);
  return [...seen.values()];
}

/**
 * Emits the root terminal if none was emitted yet: `error` for a failed run, else `final` per §2.4. A
 * refusal wins over the error the SDK raises for it (`ModelRefusalError`): the run did answer, by refusing.
 */
export function emitFinish(ctx: ProjectionContext, context: FinishContext): void {
  const { state } = ctx;
  if (state.terminated) return;
  for (const call of state.tools.values()) flushPendingItemDone(ctx, call);
  const refusalText = state.refusalText || null;
  if (context.error !== undefined && !refusalText) {
    const error = normalizeRunError(context.error);
    emitError(ctx, error.source, error.message, error.code);
    return;
  }
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
      attachments: dedupeAttachments(context.attachments ?? []),
      usage: context.usage !== undefined ? context.usage : state.usage,
    },
  });
  state.terminated = true;
}
