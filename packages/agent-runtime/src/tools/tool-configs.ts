import { z } from 'zod';

/** `tool_configs.code_interpreter` of an agent spec (§3.1, §6.2). */
export const codeInterpreterToolConfigSchema = z.strictObject({
  mode: z.enum(['auto', 'explicit']).default('auto'),
  memoryLimit: z.enum(['1g', '4g', '16g', '64g']).optional(),
  containerId: z.string().min(1).optional(),
  fileIds: z.array(z.string().min(1)).optional(),
});
export type CodeInterpreterToolConfig = z.input<typeof codeInterpreterToolConfigSchema>;

/** `tool_configs.image_generation` of an agent spec (§3.1, §6.1); values are checked against the settings. */
export const imageGenerationToolConfigSchema = z.strictObject({
  size: z.enum(['auto', '1024x1024', '1024x1536', '1536x1024']).optional(),
  quality: z.enum(['auto', 'low', 'medium', 'high']).optional(),
  outputFormat: z.enum(['png', 'jpeg', 'webp']).optional(),
  background: z.enum(['auto', 'opaque', 'transparent']).optional(),
  outputCompression: z.number().int().min(0).max(100).optional(),
  partialImages: z.number().int().min(0).max(3).optional(),
});
export type ImageGenerationToolConfig = z.input<typeof imageGenerationToolConfigSchema>;

/** Per-tool configuration of an agent spec. */
export const toolConfigsSchema = z.strictObject({
  codeInterpreter: codeInterpreterToolConfigSchema.optional(),
  imageGeneration: imageGenerationToolConfigSchema.optional(),
});
export type ToolConfigs = z.input<typeof toolConfigsSchema>;

/** `file_search_options` of an agent spec (§3.1): only these keys are allowed. */
export const fileSearchOptionsSchema = z.strictObject({
  maxNumResults: z.number().int().min(1).max(50).optional(),
  filters: z.record(z.string(), z.unknown()).optional(),
  rankingOptions: z
    .strictObject({ ranker: z.string().optional(), scoreThreshold: z.number().min(0).max(1).optional() })
    .optional(),
  includeSearchResults: z.boolean().optional(),
});
export type FileSearchOptions = z.input<typeof fileSearchOptionsSchema>;
