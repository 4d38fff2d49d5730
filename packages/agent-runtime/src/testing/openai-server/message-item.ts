import type {
  ResponseOutputMessage,
  ResponseOutputRefusal,
  ResponseOutputText,
} from 'openai/resources/responses/responses';
import { type ChunkSpec, chunkText } from './chunk-text.js';
import { openAiId } from './ids.js';
import type { ScriptedItem, ScriptedItemEvent } from './turn-types.js';

/** An annotation on output text (`url_citation`, `file_citation`, `container_file_citation`, `file_path`). */
export type MessageAnnotation = ResponseOutputText['annotations'][number];

/** Options of an assistant message item. */
export interface MessageItemOptions {
  readonly chunks?: ChunkSpec | undefined;
  readonly annotations?: readonly MessageAnnotation[] | undefined;
  readonly id?: string | undefined;
}

/** An assistant message with one `output_text` part streamed as deltas, annotations announced as they are reached. */
export function messageItem(text: string, options: MessageItemOptions = {}): ScriptedItem {
  const id = options.id ?? openAiId('msg');
  const annotations = [...(options.annotations ?? [])];
  const deltas = chunkText(text, options.chunks);
  const part: ResponseOutputText = { type: 'output_text', annotations, logprobs: [], text };
  const item: ResponseOutputMessage = {
    id,
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content: [part],
  };
  return {
    item,
    events: (outputIndex) => {
      const at = { item_id: id, output_index: outputIndex, content_index: 0 };
      const events: ScriptedItemEvent[] = [
        { type: 'response.output_item.added', output_index: outputIndex, item: inProgress(item) },
        {
          type: 'response.content_part.added',
          ...at,
          part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
        },
      ];
      const pending = annotations.map((annotation, index) => ({ annotation, index }));
      let streamed = 0;
      const announceReached = (final: boolean) => {
        while (pending.length > 0) {
          const next = pending[0];
          if (next === undefined || (!final && annotationEnd(next.annotation) > streamed)) return;
          pending.shift();
          events.push({
            type: 'response.output_text.annotation.added',
            ...at,
            annotation_index: next.index,
            annotation: next.annotation,
          });
        }
      };
      for (const delta of deltas) {
        events.push({ type: 'response.output_text.delta', ...at, delta, logprobs: [] });
        streamed += delta.length;
        announceReached(false);
      }
      announceReached(true);
      events.push(
        { type: 'response.output_text.done', ...at, text, logprobs: [] },
        { type: 'response.content_part.done', ...at, part },
        { type: 'response.output_item.done', output_index: outputIndex, item },
      );
      return events;
    },
  };
}

/** An assistant message whose only part is a `refusal`, streamed as `response.refusal.delta`/`.done`. */
export function refusalItem(
  refusal: string,
  options: { readonly chunks?: ChunkSpec | undefined; readonly id?: string | undefined } = {},
): ScriptedItem {
  const id = options.id ?? openAiId('msg');
  const part: ResponseOutputRefusal = { type: 'refusal', refusal };
  const item: ResponseOutputMessage = {
    id,
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content: [part],
  };
  return {
    item,
    events: (outputIndex) => {
      const at = { item_id: id, output_index: outputIndex, content_index: 0 };
      return [
        { type: 'response.output_item.added', output_index: outputIndex, item: inProgress(item) },
        { type: 'response.content_part.added', ...at, part: { type: 'refusal', refusal: '' } },
        ...chunkText(refusal, options.chunks).map(
          (delta): ScriptedItemEvent => ({ type: 'response.refusal.delta', ...at, delta }),
        ),
        { type: 'response.refusal.done', ...at, refusal },
        { type: 'response.content_part.done', ...at, part },
        { type: 'response.output_item.done', output_index: outputIndex, item },
      ];
    },
  };
}

function inProgress(item: ResponseOutputMessage): ResponseOutputMessage {
  return { ...item, status: 'in_progress', content: [] };
}

// Citations with a span are announced once the text up to their end has streamed; index-only ones at the end.
function annotationEnd(annotation: MessageAnnotation): number {
  return 'end_index' in annotation ? annotation.end_index : Number.POSITIVE_INFINITY;
}
