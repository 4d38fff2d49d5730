import { z } from 'zod';
import { executionFailed } from './check-results.js';
import { defineGuardrail } from './guardrail-spec.js';
import { llmCheckConfigShape, runLlmCheck } from './llm-check.js';

/** Config of `hallucination` (§5.2). */
export const hallucinationConfigSchema = z.strictObject({
  ...llmCheckConfigShape,
  /** Vector store (`vs_…`) holding the reference documents the answer must agree with. */
  knowledge_source: z
    .string()
    .regex(/^vs_[A-Za-z0-9_-]+$/, 'must be a vector store id (vs_…)')
    .optional(),
});

/** `hallucination`: factual claims in the output that the knowledge source does not support. */
export const hallucinationGuardrail = defineGuardrail({
  key: 'hallucination',
  displayName: 'Hallucination detection',
  description:
    'Uses an LLM with file search over `knowledge_source` to flag factual claims in the output that the documents do not support.',
  stage: 'output',
  engine: 'llm',
  configSchema: hallucinationConfigSchema,
  usesConversationHistory: false,
  supportsMasking: false,
  check: async (input, config, deps) => {
    if (config.knowledge_source === undefined) {
      return executionFailed('hallucination needs `knowledge_source` (a vector store id) to check against.');
    }
    return runLlmCheck({
      input,
      deps,
      model: config.model,
      threshold: config.confidence_threshold,
      subject: 'assistant_output',
      fileSearchVectorStoreIds: [config.knowledge_source],
      task: `You fact-check an AI assistant’s answer against reference documents. Use the file_search tool to look up each factual claim.
Flag the answer when it states facts that the documents contradict or do not support. Opinions, greetings and hedged statements are not claims.`,
    });
  },
});
