import type { Citation } from '@starter/contracts';
import type { RawResponseEvent } from './agent-stream-event.js';
import { recordContainerFile } from './collected-artifacts.js';
import { knownItem, numberField, recordField, sequenceOf, stringField } from './output-items.js';
import type { ProjectionContext } from './projector-state.js';
import { emitToolStatus } from './tool-status.js';

type Loose = Record<string, unknown>;

function toCitation(ctx: ProjectionContext, annotation: Loose): Citation | null {
  const type = stringField(annotation, 'type');
  const start = numberField(annotation, 'start_index');
  const end = numberField(annotation, 'end_index');
  const url = stringField(annotation, 'url');
  const fileId = stringField(annotation, 'file_id');
  const filename = stringField(annotation, 'filename');
  if (type === 'url_citation' && url && start !== null && end !== null) {
    return { type, start_index: start, end_index: end, title: stringField(annotation, 'title'), url };
  }
  if (type === 'file_citation' && fileId) {
    return {
      type,
      file_id: fileId,
      filename,
      ...(start === null ? {} : { start_index: start }),
      ...(end === null ? {} : { end_index: end }),
      ...(numberField(annotation, 'index') === null ? {} : { index: numberField(annotation, 'index') }),
    };
  }
  const containerId = stringField(annotation, 'container_id');
  if (type === 'container_file_citation' && containerId && fileId && start !== null && end !== null) {
    recordContainerFile(ctx, containerId, fileId, filename);
    // Container files are only reachable through the service's download route, never the provider's.
    return {
      type,
      start_index: start,
      end_index: end,
      container_id: containerId,
      file_id: fileId,
      filename,
      url: ctx.options.containerFileUrl(containerId, fileId, filename),
    };
  }
  return null;
}

function addWebSource(ctx: ProjectionContext, url: string, event: RawResponseEvent): void {
  const search = ctx.state.lastWebSearch;
  if (search?.tool.tool_type !== 'web_search') return;
  const sources = search.tool.sources ?? [];
  if (sources.includes(url)) return;
  search.tool = { ...search.tool, sources: [...sources, url] };
  emitToolStatus(ctx, search, [], sequenceOf(event));
}

/** `response.output_text.delta`: one `message.delta` (the hot path: one event per token). */
export function projectTextDelta(ctx: ProjectionContext, event: RawResponseEvent): boolean {
  const position = knownItem(ctx, event);
  if (!position) return true;
  const delta = typeof event.delta === 'string' ? event.delta : '';
  const itemId = position.itemId;
  const texts = ctx.state.messageText;
  texts.set(itemId, (texts.get(itemId) ?? '') + delta);
  ctx.emitDelta(
    'message.delta',
    position,
    typeof event.content_index === 'number' ? event.content_index : 0,
    delta,
    typeof event.sequence_number === 'number' ? event.sequence_number : undefined,
  );
  return true;
}

/**
 * Citations, refusals and reasoning summaries (the non-tool content of output items). Text deltas, one
 * per token, go to {@link projectTextDelta} before any family is asked (see the projector's `projectRaw`).
 */
export function projectMessageEvent(ctx: ProjectionContext, event: RawResponseEvent): boolean {
  const position = knownItem(ctx, event);
  const contentIndex = numberField(event, 'content_index') ?? 0;
  const summaryIndex = numberField(event, 'summary_index') ?? 0;
  const seq = sequenceOf(event);
  const { state } = ctx;
  switch (event.type) {
    case 'response.output_text.annotation.added': {
      const citation = position ? toCitation(ctx, recordField(event, 'annotation')) : null;
      if (!position || !citation) return true;
      ctx.emit(
        'message.citation',
        {
          output_index: position.outputIndex,
          item_id: position.itemId,
          content_index: contentIndex,
          citation,
        },
        seq,
      );
      if (citation.type === 'url_citation') addWebSource(ctx, citation.url, event);
      return true;
    }
    case 'response.refusal.delta': {
      const delta = stringField(event, 'delta') ?? '';
      state.refusalText += delta;
      if (position) ctx.emitDelta('refusal.delta', position, contentIndex, delta, seq.providerSequence);
      return true;
    }
    case 'response.refusal.done': {
      const text = stringField(event, 'refusal') ?? state.refusalText;
      if (text.length > state.refusalText.length) state.refusalText = text;
      if (position) {
        ctx.emit(
          'refusal.done',
          {
            output_index: position.outputIndex,
            item_id: position.itemId,
            content_index: contentIndex,
            refusal_text: text,
          },
          seq,
        );
      }
      return true;
    }
    case 'response.reasoning_summary_part.added':
    case 'response.reasoning_summary_part.done': {
      if (!position) return true;
      const text = stringField(recordField(event, 'part'), 'text') ?? '';
      const kind =
        event.type === 'response.reasoning_summary_part.added'
          ? 'reasoning_summary.part.added'
          : 'reasoning_summary.part.done';
      if (kind === 'reasoning_summary.part.done') state.reasoningTexts.push(text);
      ctx.emit(
        kind,
        {
          output_index: position.outputIndex,
          item_id: position.itemId,
          summary_index: summaryIndex,
          part_type: 'summary_text',
          text,
        },
        seq,
      );
      return true;
    }
    case 'response.reasoning_summary_text.delta':
    case 'response.reasoning_summary_text.done': {
      if (!position) return true;
      const key = `${position.itemId}#${summaryIndex}`;
      const sent = state.reasoningParts.get(key) ?? '';
      const full =
        event.type === 'response.reasoning_summary_text.delta'
          ? sent + (stringField(event, 'delta') ?? '')
          : (stringField(event, 'text') ?? sent);
      // `.done` repeats the whole text: only the part the deltas did not carry yet is new to the client.
      if (!full.startsWith(sent) || full.length === sent.length) return true;
      state.reasoningParts.set(key, full);
      const delta = full.slice(sent.length);
      ctx.emitDelta('reasoning_summary.delta', position, summaryIndex, delta, seq.providerSequence);
      return true;
    }
    default:
      return false;
  }
}
