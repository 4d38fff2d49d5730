import { AppError } from '@starter/contracts';
import { customPromptGuardrail } from './custom-prompt.js';
import type { AnyGuardrailSpec } from './guardrail-spec.js';
import { hallucinationGuardrail } from './hallucination.js';
import { jailbreakDetectionGuardrail } from './jailbreak-detection.js';
import { moderationGuardrail } from './moderation.js';
import { nsfwTextGuardrail } from './nsfw-text.js';
import { offTopicPromptsGuardrail } from './off-topic-prompts.js';
import { piiGuardrails } from './pii-detection.js';
import { promptInjectionGuardrails } from './prompt-injection.js';
import { urlFilterGuardrail } from './url-filter.js';

/** The guardrail checks known at startup, by key. */
export interface GuardrailRegistry {
  get(key: string): AnyGuardrailSpec | undefined;
  /** The spec of a key, or a NotFound error naming it. */
  require(key: string): AnyGuardrailSpec;
  list(): readonly AnyGuardrailSpec[];
}

/** The bundled checks of the §5.2 table (14 keys, though the heading says 15), in catalog order. */
export const BUNDLED_GUARDRAILS: readonly AnyGuardrailSpec[] = [
  ...piiGuardrails,
  moderationGuardrail,
  jailbreakDetectionGuardrail,
  offTopicPromptsGuardrail,
  customPromptGuardrail,
  nsfwTextGuardrail,
  hallucinationGuardrail,
  ...promptInjectionGuardrails,
  urlFilterGuardrail,
];

/** Creates the registry: the bundled checks plus any extra ones (duplicate keys are a startup error). */
export function createGuardrailRegistry(extra: readonly AnyGuardrailSpec[] = []): GuardrailRegistry {
  const byKey = new Map<string, AnyGuardrailSpec>();
  for (const spec of [...BUNDLED_GUARDRAILS, ...extra]) {
    if (byKey.has(spec.key)) {
      throw new AppError('InternalServerError', `Guardrail "${spec.key}" is registered twice.`);
    }
    byKey.set(spec.key, spec);
  }
  const list = [...byKey.values()];
  return {
    get: (key) => byKey.get(key),
    require: (key) => {
      const spec = byKey.get(key);
      if (!spec) throw new AppError('NotFound', `Unknown guardrail "${key}".`, { details: { key } });
      return spec;
    },
    list: () => list,
  };
}
