import { describe, expect, it } from 'vitest';
import { validateImageGenerationConfig } from './image-generation-entry.js';
import type { ToolBuildSpec } from './tool-registry-entry.js';

const settings = { imageMaxPartialImages: 2, imageAllowedFormats: ['png', 'webp'] };

function spec(imageGeneration: Record<string, unknown> | undefined): ToolBuildSpec {
  return {
    key: 'artist',
    toolKeys: ['image_generation'],
    toolConfigs:
      imageGeneration === undefined ? undefined : ({ imageGeneration } as ToolBuildSpec['toolConfigs']),
  };
}

describe('validateImageGenerationConfig', () => {
  it('accepts no config and a config within the settings', () => {
    expect(validateImageGenerationConfig(spec(undefined), settings)).toEqual([]);
    expect(
      validateImageGenerationConfig(
        spec({ size: '1536x1024', outputFormat: 'webp', partialImages: 2 }),
        settings,
      ),
    ).toEqual([]);
  });

  it('rejects a format outside the allowed list and too many partial images', () => {
    expect(validateImageGenerationConfig(spec({ outputFormat: 'jpeg', partialImages: 3 }), settings)).toEqual(
      [
        'agent "artist": tool_configs.image_generation.outputFormat "jpeg" is not allowed (allowed: png, webp)',
        'agent "artist": tool_configs.image_generation.partialImages 3 exceeds the maximum of 2',
      ],
    );
  });

  it('reports schema problems: size, quality, compression range, unknown keys', () => {
    const problems = validateImageGenerationConfig(
      spec({ size: '512x512', quality: 'ultra', outputCompression: 101, style: 'vivid' }),
      settings,
    );
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/size/);
    expect(problems.join('\n')).toMatch(/quality/);
    expect(problems.join('\n')).toMatch(/outputCompression/);
  });
});
