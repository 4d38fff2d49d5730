import { imageGenerationTool } from '@openai/agents';
import { imageGenerationToolConfigSchema } from './tool-configs.js';
import type { ToolBuildSpec, ToolRegistryEntry } from './tool-registry-entry.js';
import type { ToolRegistrySettings } from './tool-settings.js';

type ImageSettings = Pick<ToolRegistrySettings, 'imageMaxPartialImages' | 'imageAllowedFormats'>;

/** Spec-time problems of `tool_configs.image_generation` against the schema and the image settings. */
export function validateImageGenerationConfig(spec: ToolBuildSpec, settings: ImageSettings): string[] {
  const raw = spec.toolConfigs?.imageGeneration;
  if (raw === undefined) return [];
  const parsed = imageGenerationToolConfigSchema.safeParse(raw);
  const prefix = `agent "${spec.key}": tool_configs.image_generation`;
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => `${prefix}.${issue.path.join('.')}: ${issue.message}`);
  }
  const problems: string[] = [];
  const { outputFormat, partialImages } = parsed.data;
  if (outputFormat !== undefined && !settings.imageAllowedFormats.includes(outputFormat)) {
    problems.push(
      `${prefix}.outputFormat "${outputFormat}" is not allowed (allowed: ${settings.imageAllowedFormats.join(', ')})`,
    );
  }
  if (partialImages !== undefined && partialImages > settings.imageMaxPartialImages) {
    problems.push(
      `${prefix}.partialImages ${partialImages} exceeds the maximum of ${settings.imageMaxPartialImages}`,
    );
  }
  return problems;
}

/** The hosted `image_generation` entry with the §6.1 defaults. */
export function createImageGenerationEntry(settings: ImageSettings): ToolRegistryEntry {
  const defaults = {
    size: '1024x1024',
    quality: 'high',
    output_format: 'png',
    background: 'auto',
    output_compression: null,
    partial_images: settings.imageMaxPartialImages,
  } as const;
  return {
    key: 'image_generation',
    category: 'image',
    kind: 'hosted',
    description: 'Generates and edits images (OpenAI hosted tool).',
    provider: 'openai',
    defaults,
    validate: (spec) => validateImageGenerationConfig(spec, settings),
    build: (spec) => {
      const config = spec.toolConfigs?.imageGeneration ?? {};
      return {
        tools: [
          imageGenerationTool({
            size: config.size ?? defaults.size,
            quality: config.quality ?? defaults.quality,
            outputFormat: config.outputFormat ?? defaults.output_format,
            background: config.background ?? defaults.background,
            partialImages: config.partialImages ?? defaults.partial_images,
            // No compression unless configured: the API default applies.
            ...(config.outputCompression !== undefined
              ? { outputCompression: config.outputCompression }
              : {}),
          }),
        ],
      };
    },
  };
}
