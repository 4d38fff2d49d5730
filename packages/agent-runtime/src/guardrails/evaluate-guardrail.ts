import { errorMessage } from './check-results.js';
import type { GuardrailEventSink, GuardrailResultEvent } from './guardrail-events.js';
import type { GuardrailCheckDeps, GuardrailCheckInput, GuardrailCheckResult } from './guardrail-spec.js';
import type { ResolvedGuardrail } from './resolve-guardrails.js';

/** What one evaluation needs besides the guardrail and its input. */
export interface EvaluationOptions {
  readonly deps: GuardrailCheckDeps;
  readonly suppressTripwire: boolean;
  readonly sink?: GuardrailEventSink | undefined;
  readonly toolCallId?: string | undefined;
}

/** The decision of one evaluation, with the event it emitted. */
export interface GuardrailEvaluation {
  readonly tripwire: boolean;
  readonly result: GuardrailCheckResult;
  readonly event: GuardrailResultEvent;
}

/**
 * Runs one check and emits its `guardrail_result`. Tripwire = result tripwire && !suppress; a check that
 * failed or threw trips only when its spec says `tripwireOnError` (§5.1).
 */
export async function evaluateGuardrail(
  guardrail: ResolvedGuardrail,
  input: GuardrailCheckInput,
  options: EvaluationOptions,
): Promise<GuardrailEvaluation> {
  let result: GuardrailCheckResult;
  try {
    result = await guardrail.spec.check(input, { ...guardrail.config }, options.deps);
  } catch (error) {
    result = {
      tripwireTriggered: false,
      info: { flagged: false },
      executionFailed: true,
      error: errorMessage(error),
    };
  }
  return finishEvaluation(guardrail, input, result, options);
}

/** Turns a check result into the decision and event (shared with synchronous masking). */
export function finishEvaluation(
  guardrail: ResolvedGuardrail,
  input: Pick<GuardrailCheckInput, 'toolName'>,
  result: GuardrailCheckResult,
  options: Omit<EvaluationOptions, 'deps'>,
): GuardrailEvaluation {
  const wouldTrip = result.executionFailed ? guardrail.spec.tripwireOnError : result.tripwireTriggered;
  const tripwire = wouldTrip && !options.suppressTripwire;
  const { flagged, ...details } = result.info;
  const event: GuardrailResultEvent = {
    type: 'guardrail_result',
    stage: guardrail.spec.stage,
    key: guardrail.key,
    name: guardrail.spec.displayName,
    tripwire,
    suppressed: wouldTrip && options.suppressTripwire,
    flagged,
    confidence: result.confidence ?? null,
    masked_content: result.maskedContent ?? null,
    token_usage: result.tokenUsage ?? null,
    execution_failed: result.executionFailed,
    error: result.error ?? null,
    details,
    tool_name: input.toolName ?? null,
    tool_call_id: options.toolCallId ?? null,
  };
  options.sink?.(event);
  return { tripwire, result, event };
}
