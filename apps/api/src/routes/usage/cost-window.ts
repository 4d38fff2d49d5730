import { AppError } from '@starter/contracts';

/** The longest window GET /usage/costs sums, so one request cannot scan the whole ledger. */
export const MAX_COST_WINDOW_DAYS = 366;
/** The window when `from` is absent: `to` and the 29 days before it. */
export const DEFAULT_COST_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** Inclusive UTC days. */
export interface CostWindow {
  from: string;
  to: string;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

function invalid(field: string, message: string): AppError {
  return AppError.validation([{ path: [field], message, code: 'custom', location: 'query' }]);
}

/** Fills in the defaults and checks `from ≤ to` and the span; a bad window is a 422 like any bad query. */
export function resolveCostWindow(
  query: { from?: string | undefined; to?: string | undefined },
  now: Date,
): CostWindow {
  const to = query.to ?? dayOf(now.getTime());
  const from = query.from ?? dayOf(msOf(to) - (DEFAULT_COST_WINDOW_DAYS - 1) * DAY_MS);
  const days = (msOf(to) - msOf(from)) / DAY_MS + 1;
  if (days < 1) throw invalid('from', '`from` must be on or before `to`.');
  if (days > MAX_COST_WINDOW_DAYS)
    throw invalid('to', `The window may span at most ${MAX_COST_WINDOW_DAYS} days.`);
  return { from, to };
}
