import type { ResponseReasoningItem } from 'openai/resources/responses/responses';
import { type ChunkSpec, chunkText } from './chunk-text.js';
import { openAiId } from './ids.js';
import type { ScriptedItem, ScriptedItemEvent } from './turn-types.js';

/** Options of a reasoning item. */
export interface ReasoningItemOptions {
  readonly chunks?: ChunkSpec | undefined;
  readonly encryptedContent?: string | undefined;
  readonly id?: string | undefined;
}

/** A `reasoning` item whose summary parts stream as `response.reasoning_summary_part.*` and `_text.*` events. */
export function reasoningItem(summary: readonly string[], options: ReasoningItemOptions = {}): ScriptedItem {
  const id = options.id ?? openAiId('rs');
  const item: ResponseReasoningItem = {
    id,
    type: 'reasoning',
    summary: summary.map((text) => ({ type: 'summary_text', text })),
    ...(options.encryptedContent === undefined ? {} : { encrypted_content: options.encryptedContent }),
  };
  return {
    item,
    events: (outputIndex) => {
      const events: ScriptedItemEvent[] = [
        {
          type: 'response.output_item.added',
          output_index: outputIndex,
          item: { ...item, summary: [] },
        },
      ];
      summary.forEach((text, summaryIndex) => {
        const at = { item_id: id, output_index: outputIndex, summary_index: summaryIndex };
        events.push({
          type: 'response.reasoning_summary_part.added',
          ...at,
          part: { type: 'summary_text', text: '' },
        });
        for (const delta of chunkText(text, options.chunks)) {
          events.push({ type: 'response.reasoning_summary_text.delta', ...at, delta });
        }
        events.push(
          { type: 'response.reasoning_summary_text.done', ...at, text },
          { type: 'response.reasoning_summary_part.done', ...at, part: { type: 'summary_text', text } },
        );
      });
      events.push({ type: 'response.output_item.done', output_index: outputIndex, item });
      return events;
    },
  };
}
