import { z } from 'zod';
import { executionFailed } from './check-results.js';
import { defineGuardrail } from './guardrail-spec.js';
import { DEFAULT_CONTEXT_TURNS, llmCheckConfigShape, runLlmCheck } from './llm-check.js';

/** Config of `off_topic_prompts` (§5.2). */
export const offTopicConfigSchema = z.strictObject({
  ...llmCheckConfigShape,
  /** The business scope the assistant serves. */
  system_prompt_details: z.string().default(''),
});

/** `off_topic_prompts`: user messages outside the configured business scope. */
export const offTopicPromptsGuardrail = defineGuardrail({
  key: 'off_topic_prompts',
  displayName: 'Off-topic prompts',
  description:
    'Uses an LLM to flag user messages outside the business scope given in `system_prompt_details`.',
  stage: 'input',
  engine: 'llm',
  configSchema: offTopicConfigSchema,
  usesConversationHistory: true,
  supportsMasking: false,
  check: async (input, config, deps) => {
    if (config.system_prompt_details.trim() === '') {
      return executionFailed(
        'off_topic_prompts needs `system_prompt_details` describing the business scope.',
      );
    }
    return runLlmCheck({
      input,
      deps,
      model: config.model,
      threshold: config.confidence_threshold,
      contextTurns: DEFAULT_CONTEXT_TURNS,
      subject: 'latest_user_message',
      task: `You decide whether a user message is off-topic for an assistant with this scope:
<scope>
${config.system_prompt_details}
</scope>
Flag the latest user message when it asks for something outside that scope. Follow-ups that only make sense with the conversation history are on-topic when the conversation is.`,
    });
  },
});
