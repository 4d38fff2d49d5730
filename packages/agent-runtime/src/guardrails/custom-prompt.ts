import { z } from 'zod';
import { executionFailed } from './check-results.js';
import { defineGuardrail } from './guardrail-spec.js';
import { llmCheckConfigShape, runLlmCheck } from './llm-check.js';

/** Config of `custom_prompt` (§5.2). */
export const customPromptConfigSchema = z.strictObject({
  ...llmCheckConfigShape,
  /** The rule, in natural language: what to flag. */
  system_prompt_details: z.string().default(''),
});

/** `custom_prompt`: flags user messages that break a rule written in natural language. */
export const customPromptGuardrail = defineGuardrail({
  key: 'custom_prompt',
  displayName: 'Custom prompt check',
  description:
    'Uses an LLM to flag user messages that match the natural-language rule in `system_prompt_details`.',
  stage: 'input',
  engine: 'llm',
  configSchema: customPromptConfigSchema,
  usesConversationHistory: false,
  supportsMasking: false,
  check: async (input, config, deps) => {
    if (config.system_prompt_details.trim() === '') {
      return executionFailed('custom_prompt needs `system_prompt_details` with the rule to enforce.');
    }
    return runLlmCheck({
      input,
      deps,
      model: config.model,
      threshold: config.confidence_threshold,
      subject: 'latest_user_message',
      task: `You enforce this rule on user messages sent to an AI assistant:
<rule>
${config.system_prompt_details}
</rule>
Flag the user message when it violates the rule.`,
    });
  },
});
