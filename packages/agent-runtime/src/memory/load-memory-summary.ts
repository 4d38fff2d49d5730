import type { SummaryScope, SummaryStore } from './summary-store.js';

/**
 * The cross-session summary to render as `memory.summary` (spec §3.4): null unless injection is on and a
 * summary younger than 14 days exists; cut to `maxChars` (the strategy's `summaryMaxChars`).
 */
export async function loadInjectedSummary(input: {
  readonly store: SummaryStore;
  readonly scope: SummaryScope;
  readonly injection: boolean;
  readonly maxChars?: number | undefined;
}): Promise<string | null> {
  if (!input.injection) return null;
  const summary = await input.store.latest(input.scope, { maxChars: input.maxChars });
  return summary?.summaryText ?? null;
}
