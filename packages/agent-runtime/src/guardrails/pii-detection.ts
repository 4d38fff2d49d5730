import { z } from 'zod';
import { decided } from './check-results.js';
import type { GuardrailStage } from './guardrail-config.js';
import { type AnyGuardrailSpec, defineGuardrail, type GuardrailCheckResult } from './guardrail-spec.js';
import { DEFAULT_PII_ENTITIES, piiEntitySchema } from './pii-entities.js';
import { scanPii } from './pii-scan.js';

/** Config of the four PII checks (§5.2). */
export const piiConfigSchema = z.strictObject({
  entities: z
    .array(piiEntitySchema)
    .min(1)
    .default([...DEFAULT_PII_ENTITIES]),
  /** `true` trips the wire on any hit; `false` masks the hits instead. */
  block: z.boolean().default(false),
  /** Also decode base64 and URL-encoded segments and scan what they hide. */
  detect_encoded_pii: z.boolean().default(false),
});
export type PiiConfig = z.infer<typeof piiConfigSchema>;

function evaluatePii(text: string, config: PiiConfig): GuardrailCheckResult {
  const scan = scanPii(text, config.entities, config.detect_encoded_pii);
  const entities = [...new Set([...Object.keys(scan.counts), ...Object.keys(scan.encodedCounts)])];
  return decided(
    {
      flagged: scan.found,
      entities,
      counts: scan.counts,
      encoded_counts: scan.encodedCounts,
      action: scan.found ? (config.block ? 'block' : 'mask') : 'none',
    },
    {
      tripwireTriggered: scan.found && config.block,
      ...(scan.found ? { maskedContent: scan.maskedText } : {}),
    },
  );
}

function createPiiGuardrail(
  key: string,
  stage: GuardrailStage,
  displayName: string,
  where: string,
): AnyGuardrailSpec {
  return defineGuardrail({
    key,
    displayName,
    description: `Detects personal data (emails, phone numbers, SSNs, cards, …) in ${where}; masks it, or blocks when \`block\` is set.`,
    stage,
    engine: 'regex',
    configSchema: piiConfigSchema,
    usesConversationHistory: false,
    supportsMasking: true,
    check: async (input, config) => evaluatePii(input.text, config),
    mask: (text, config) => {
      const result = evaluatePii(text, config);
      return { text: result.maskedContent ?? text, result };
    },
  });
}

/** The four regex PII checks: user input (pre-flight), model output, tool arguments, tool results. */
export const piiGuardrails: readonly AnyGuardrailSpec[] = [
  createPiiGuardrail('pii_detection_input', 'pre_flight', 'PII detection (input)', 'the user message'),
  createPiiGuardrail('pii_detection_output', 'output', 'PII detection (output)', 'the model output'),
  createPiiGuardrail('pii_tool_input', 'tool_input', 'PII detection (tool input)', 'tool arguments'),
  createPiiGuardrail('pii_tool_output', 'tool_output', 'PII detection (tool output)', 'tool results'),
];
