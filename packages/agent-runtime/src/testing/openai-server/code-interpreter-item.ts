import type { ResponseCodeInterpreterToolCall } from 'openai/resources/responses/responses';
import { type ChunkSpec, chunkText } from './chunk-text.js';
import { openAiId } from './ids.js';
import type { ScriptedItem, ScriptedItemEvent } from './turn-types.js';

/** What the code printed or drew, as listed when `include: ["code_interpreter_call.outputs"]` is set. */
export type CodeInterpreterOutput = NonNullable<ResponseCodeInterpreterToolCall['outputs']>[number];

/** A `code_interpreter_call` item: in_progress → code deltas → code done → interpreting → completed. */
export function codeInterpreterItem(spec: {
  readonly code: string;
  readonly containerId: string;
  readonly outputs?: readonly CodeInterpreterOutput[] | null | undefined;
  readonly chunks?: ChunkSpec | undefined;
  readonly id?: string | undefined;
}): ScriptedItem {
  const id = spec.id ?? openAiId('ci');
  const item: ResponseCodeInterpreterToolCall = {
    id,
    type: 'code_interpreter_call',
    status: 'completed',
    code: spec.code,
    container_id: spec.containerId,
    outputs: spec.outputs === undefined || spec.outputs === null ? null : [...spec.outputs],
  };
  return {
    item,
    events: (outputIndex) => {
      const at = { item_id: id, output_index: outputIndex };
      return [
        {
          type: 'response.output_item.added',
          output_index: outputIndex,
          item: { ...item, status: 'in_progress', code: '', outputs: null },
        },
        { type: 'response.code_interpreter_call.in_progress', ...at },
        ...chunkText(spec.code, spec.chunks, 16).map(
          (delta): ScriptedItemEvent => ({
            type: 'response.code_interpreter_call_code.delta',
            ...at,
            delta,
          }),
        ),
        { type: 'response.code_interpreter_call_code.done', ...at, code: spec.code },
        { type: 'response.code_interpreter_call.interpreting', ...at },
        { type: 'response.code_interpreter_call.completed', ...at },
        { type: 'response.output_item.done', output_index: outputIndex, item },
      ];
    },
  };
}
