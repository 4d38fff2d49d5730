import type { JsonValue } from '@starter/contracts';
import type { GuardrailStage } from './guardrail-config.js';
import type { GuardrailTokenUsage } from './guardrail-spec.js';

/** Internal run event for one guardrail evaluation (§5.1); goes to run events and logs, never to public SSE. */
export interface GuardrailResultEvent {
  readonly type: 'guardrail_result';
  readonly stage: GuardrailStage;
  readonly key: string;
  readonly name: string;
  /** Whether this evaluation aborts the run (after suppression). */
  readonly tripwire: boolean;
  /** True when the check would have tripped but `suppressTripwire` let the run continue. */
  readonly suppressed: boolean;
  readonly flagged: boolean;
  readonly confidence: number | null;
  readonly masked_content: string | null;
  readonly token_usage: GuardrailTokenUsage | null;
  readonly execution_failed: boolean;
  readonly error: string | null;
  readonly details: Readonly<Record<string, JsonValue>>;
  readonly tool_name: string | null;
  readonly tool_call_id: string | null;
}

/** Where guardrail events go (the runtime's run-event recorder). */
export type GuardrailEventSink = (event: GuardrailResultEvent) => void;

/** Counts of one stage or key in the run summary. */
export interface GuardrailCounts {
  total: number;
  triggered: number;
}

/** Run-end `guardrail_summary` payload (§5.1). */
export interface GuardrailSummary {
  readonly type: 'guardrail_summary';
  readonly total: number;
  readonly triggered: number;
  readonly suppressed: number;
  readonly by_stage: Readonly<Partial<Record<GuardrailStage, GuardrailCounts>>>;
  readonly by_key: Readonly<Record<string, GuardrailCounts>>;
  readonly token_usage?: GuardrailTokenUsage | undefined;
}

/** Aggregates `guardrail_result` events of one run; `sink` can be handed straight to the guardrail builders. */
export interface GuardrailSummaryCollector {
  readonly sink: GuardrailEventSink;
  add(event: GuardrailResultEvent): void;
  summary(): GuardrailSummary;
}

/** Creates the per-run summary collector for the run-end `guardrail_summary` event. */
export function createGuardrailSummary(): GuardrailSummaryCollector {
  let total = 0;
  let triggered = 0;
  let suppressed = 0;
  const byStage: Partial<Record<GuardrailStage, GuardrailCounts>> = {};
  const byKey: Record<string, GuardrailCounts> = {};
  let usage: { input_tokens: number; output_tokens: number; total_tokens: number } | undefined;

  const add = (event: GuardrailResultEvent): void => {
    total += 1;
    if (event.tripwire) triggered += 1;
    if (event.suppressed) suppressed += 1;
    const stage = byStage[event.stage] ?? { total: 0, triggered: 0 };
    byStage[event.stage] = stage;
    stage.total += 1;
    const key = byKey[event.key] ?? { total: 0, triggered: 0 };
    byKey[event.key] = key;
    key.total += 1;
    if (event.tripwire) {
      stage.triggered += 1;
      key.triggered += 1;
    }
    if (event.token_usage) {
      usage ??= { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
      usage.input_tokens += event.token_usage.input_tokens;
      usage.output_tokens += event.token_usage.output_tokens;
      usage.total_tokens += event.token_usage.total_tokens;
    }
  };

  return {
    sink: add,
    add,
    summary: () => ({
      type: 'guardrail_summary',
      total,
      triggered,
      suppressed,
      by_stage: structuredClone(byStage),
      by_key: structuredClone(byKey),
      ...(usage ? { token_usage: { ...usage } } : {}),
    }),
  };
}
