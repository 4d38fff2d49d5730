import type { ResponseOutputItem } from 'openai/resources/responses/responses';
import { openAiId } from './ids.js';
import type { ScriptedItem, ScriptedItemEvent } from './turn-types.js';

type ImageGenerationCall = ResponseOutputItem.ImageGenerationCall;

/** Settings the API echoes on an image generation call and its partial images. */
export interface ImageGenerationSettings {
  readonly revisedPrompt?: string | undefined;
  readonly size?: '1024x1024' | '1024x1536' | '1536x1024' | undefined;
  readonly quality?: 'low' | 'medium' | 'high' | undefined;
  readonly outputFormat?: 'png' | 'webp' | 'jpeg' | undefined;
  readonly background?: 'transparent' | 'opaque' | 'auto' | undefined;
}

/** An `image_generation_call` item: in_progress → generating → partial images (base64) → completed. */
export function imageGenerationItem(
  spec: ImageGenerationSettings & {
    readonly partials?: readonly string[] | undefined;
    readonly result: string;
    readonly id?: string | undefined;
  },
): ScriptedItem {
  const id = spec.id ?? openAiId('ig');
  const settings = {
    background: spec.background ?? 'opaque',
    output_format: spec.outputFormat ?? 'png',
    quality: spec.quality ?? 'high',
    size: spec.size ?? '1024x1024',
  } as const;
  const item: ImageGenerationCall = {
    id,
    type: 'image_generation_call',
    status: 'completed',
    ...settings,
    result: spec.result,
    revised_prompt: spec.revisedPrompt ?? null,
  };
  return {
    item,
    events: (outputIndex) => {
      const at = { item_id: id, output_index: outputIndex };
      return [
        {
          type: 'response.output_item.added',
          output_index: outputIndex,
          item: { id, type: 'image_generation_call', status: 'in_progress', result: null },
        },
        { type: 'response.image_generation_call.in_progress', ...at },
        { type: 'response.image_generation_call.generating', ...at },
        ...(spec.partials ?? []).map(
          (partial, index): ScriptedItemEvent => ({
            type: 'response.image_generation_call.partial_image',
            ...at,
            ...settings,
            partial_image_b64: partial,
            partial_image_index: index,
          }),
        ),
        { type: 'response.image_generation_call.completed', ...at },
        { type: 'response.output_item.done', output_index: outputIndex, item },
      ];
    },
  };
}
