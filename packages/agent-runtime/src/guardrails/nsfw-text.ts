import { z } from 'zod';
import { defineGuardrail } from './guardrail-spec.js';
import { llmCheckConfigShape, runLlmCheck } from './llm-check.js';

/** Config of `nsfw_text` (§5.2). */
export const nsfwConfigSchema = z.strictObject({ ...llmCheckConfigShape });

/** `nsfw_text`: sexual, graphic or otherwise not-safe-for-work model output. */
export const nsfwTextGuardrail = defineGuardrail({
  key: 'nsfw_text',
  displayName: 'NSFW text',
  description:
    'Uses an LLM to flag model output that is sexual, graphically violent, hateful or otherwise not safe for work.',
  stage: 'output',
  engine: 'llm',
  configSchema: nsfwConfigSchema,
  usesConversationHistory: false,
  supportsMasking: false,
  check: (input, config, deps) =>
    runLlmCheck({
      input,
      deps,
      model: config.model,
      threshold: config.confidence_threshold,
      subject: 'assistant_output',
      task: 'You review an AI assistant’s answer for a workplace product. Flag it when it contains sexual content, graphic violence, hate, profanity-laden abuse or other not-safe-for-work material.',
    }),
});
