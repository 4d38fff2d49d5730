import type { ResponseFunctionToolCall } from 'openai/resources/responses/responses';
import { type ChunkSpec, chunkText } from './chunk-text.js';
import { openAiId } from './ids.js';
import type { ScriptedItem, ScriptedItemEvent } from './turn-types.js';

/** A function call the model makes; an object `arguments` is sent as its JSON text. */
export interface FunctionCallSpec {
  readonly name: string;
  readonly arguments: string | Readonly<Record<string, unknown>>;
  readonly callId?: string | undefined;
  readonly id?: string | undefined;
  readonly chunks?: ChunkSpec | undefined;
}

/** A `function_call` item whose arguments stream as `response.function_call_arguments.delta` then `.done`. */
export function functionCallItem(spec: FunctionCallSpec): ScriptedItem {
  const id = spec.id ?? openAiId('fc');
  const args = typeof spec.arguments === 'string' ? spec.arguments : JSON.stringify(spec.arguments);
  const item: ResponseFunctionToolCall = {
    id,
    type: 'function_call',
    status: 'completed',
    arguments: args,
    call_id: spec.callId ?? openAiId('call'),
    name: spec.name,
  };
  return {
    item,
    events: (outputIndex) => [
      {
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', arguments: '' },
      },
      ...chunkText(args, spec.chunks, 8).map(
        (delta): ScriptedItemEvent => ({
          type: 'response.function_call_arguments.delta',
          item_id: id,
          output_index: outputIndex,
          delta,
        }),
      ),
      {
        type: 'response.function_call_arguments.done',
        item_id: id,
        output_index: outputIndex,
        arguments: args,
      },
      { type: 'response.output_item.done', output_index: outputIndex, item },
    ],
  };
}
