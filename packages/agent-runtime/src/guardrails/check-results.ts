import type { GuardrailCheckResult, GuardrailInfo } from './guardrail-spec.js';

/** A check that could not decide: flagged false, but marked failed so callers never read it as a pass. */
export function executionFailed(error: string, info: Record<string, never> = {}): GuardrailCheckResult {
  return {
    tripwireTriggered: false,
    info: { flagged: false, ...info },
    executionFailed: true,
    error,
  };
}

/** A decided check; flagged content trips the wire unless the check only masks. */
export function decided(
  info: GuardrailInfo,
  extra: Omit<GuardrailCheckResult, 'info' | 'executionFailed' | 'tripwireTriggered'> & {
    readonly tripwireTriggered?: boolean | undefined;
  } = {},
): GuardrailCheckResult {
  const { tripwireTriggered, ...rest } = extra;
  return { ...rest, tripwireTriggered: tripwireTriggered ?? info.flagged, info, executionFailed: false };
}

/** A readable message from anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
