import type { ResponseFileSearchToolCall } from 'openai/resources/responses/responses';
import { openAiId } from './ids.js';
import type { ScriptedItem } from './turn-types.js';

/** One file search hit, as the API reports it when `include: ["file_search_call.results"]` is set. */
export type FileSearchResult = ResponseFileSearchToolCall.Result;

/** A `file_search_call` item: `response.file_search_call.in_progress` → `.searching` → `.completed`. */
export function fileSearchItem(spec: {
  readonly queries: readonly string[];
  readonly results?: readonly FileSearchResult[] | null | undefined;
  readonly id?: string | undefined;
}): ScriptedItem {
  const id = spec.id ?? openAiId('fs');
  const item: ResponseFileSearchToolCall = {
    id,
    type: 'file_search_call',
    status: 'completed',
    queries: [...spec.queries],
    results: spec.results === undefined || spec.results === null ? null : [...spec.results],
  };
  return {
    item,
    events: (outputIndex) => {
      const at = { item_id: id, output_index: outputIndex };
      return [
        {
          type: 'response.output_item.added',
          output_index: outputIndex,
          item: { ...item, status: 'in_progress', queries: [], results: null },
        },
        { type: 'response.file_search_call.in_progress', ...at },
        { type: 'response.file_search_call.searching', ...at },
        { type: 'response.file_search_call.completed', ...at },
        { type: 'response.output_item.done', output_index: outputIndex, item },
      ];
    },
  };
}
