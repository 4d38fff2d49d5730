import type { FinalStatus } from './final-payload.js';
import type { LifecycleStatus } from './run-events.js';

/** What the §2.4 rule looks at, as accumulated by the projector over the root stream. */
export interface FinalStatusInput {
  refusalText?: string | null;
  lastLifecycleStatus?: LifecycleStatus | null;
  responseText?: string | null;
  structuredOutput?: unknown;
}

/**
 * Spec §2.4: `refused` if there is any refusal text; else the last lifecycle status when it is
 * failed/incomplete/cancelled; else `incomplete` when there is neither response text nor structured
 * output; else `completed`. An empty response text still counts as a response (only null/absent does not).
 */
export function finalStatus(input: FinalStatusInput): FinalStatus {
  if (input.refusalText) return 'refused';
  const lifecycle = input.lastLifecycleStatus;
  if (lifecycle === 'failed' || lifecycle === 'incomplete' || lifecycle === 'cancelled') return lifecycle;
  if (input.responseText == null && input.structuredOutput == null) return 'incomplete';
  return 'completed';
}
