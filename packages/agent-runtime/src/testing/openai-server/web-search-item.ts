import type { ResponseFunctionWebSearch } from 'openai/resources/responses/responses';
import { openAiId } from './ids.js';
import type { ScriptedItem } from './turn-types.js';

/** A `web_search_call` item: `response.web_search_call.in_progress` → `.searching` → `.completed`. */
export function webSearchItem(spec: {
  readonly query: string;
  readonly sources?: readonly string[] | undefined;
  readonly id?: string | undefined;
}): ScriptedItem {
  const id = spec.id ?? openAiId('ws');
  const item: ResponseFunctionWebSearch = {
    id,
    type: 'web_search_call',
    status: 'completed',
    action: {
      type: 'search',
      query: spec.query,
      // The API lists sources only when `include: ["web_search_call.action.sources"]` asks for them.
      ...(spec.sources === undefined
        ? {}
        : { sources: spec.sources.map((url) => ({ type: 'url' as const, url })) }),
    },
  };
  return {
    item,
    events: (outputIndex) => {
      const at = { item_id: id, output_index: outputIndex };
      return [
        {
          type: 'response.output_item.added',
          output_index: outputIndex,
          item: { id, type: 'web_search_call', status: 'in_progress', action: { type: 'search' } },
        },
        { type: 'response.web_search_call.in_progress', ...at },
        { type: 'response.web_search_call.searching', ...at },
        { type: 'response.web_search_call.completed', ...at },
        { type: 'response.output_item.done', output_index: outputIndex, item },
      ];
    },
  };
}
