import { finishEvaluation } from './evaluate-guardrail.js';
import type { GuardrailEventSink, GuardrailResultEvent } from './guardrail-events.js';
import type { ResolvedGuardrail } from './resolve-guardrails.js';

/** Options of {@link maskInput}. */
export interface MaskInputOptions {
  readonly sink?: GuardrailEventSink | undefined;
}

/**
 * Applies the masking pre-flight checks to the user's message before the run (SDK input guardrails cannot
 * rewrite input). Blocking checks are left to the SDK input guardrails, which then trip on the raw text.
 */
export function maskInput(
  text: string,
  resolved: readonly ResolvedGuardrail[],
  options: MaskInputOptions = {},
): { text: string; results: GuardrailResultEvent[] } {
  const results: GuardrailResultEvent[] = [];
  let current = text;
  for (const item of resolved) {
    if (item.spec.stage !== 'pre_flight' || !item.spec.mask || item.config.block === true) continue;
    const masked = item.spec.mask(current, { ...item.config });
    if (!masked.result.info.flagged) continue;
    // Only emitted when something was masked; the SDK input guardrail reports the (clean) evaluation itself.
    results.push(
      finishEvaluation(item, {}, masked.result, { suppressTripwire: false, sink: options.sink }).event,
    );
    current = masked.text;
  }
  return { text: current, results };
}
