/**
 * The trial a new tenant gets: the plan's trial, or the requested one when overrides are allowed, never
 * longer than the plan's (spec §7.6 "clamped to plan cap").
 */
export function resolveTrialDays(input: {
  planTrialDays: number;
  requested: number | undefined;
  allowOverride: boolean;
}): number {
  const cap = Math.max(0, input.planTrialDays);
  if (!input.allowOverride || input.requested === undefined) return cap;
  return Math.min(Math.max(0, input.requested), cap);
}
