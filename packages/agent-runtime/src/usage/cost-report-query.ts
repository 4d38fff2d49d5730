import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { AgentRuntimeTables } from '../migrations/agent-runtime-tables.js';
import { formatMicros } from './usage-cost.js';
import type { CostGroup, CostQuery, CostReport, CostTotals, UsageScope } from './usage-store.js';

/** More groups than any screen shows; the total is always over every row. */
export const MAX_COST_GROUPS = 1000;
const DAY_MS = 86_400_000;

const GROUP_KEYS: Record<CostQuery['groupBy'], RawBuilder<string | null>> = {
  day: sql`to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD')`,
  agent: sql`agent_key`,
  user: sql`user_id::text`,
};

// Postgres sums bigint into numeric (a string); casting back keeps the int8 → number mapping.
const SUMS = [
  sql<number>`count(*)::int`.as('responses'),
  sql<number>`(count(*) filter (where not priced))::int`.as('unpriced_responses'),
  sql<number>`coalesce(sum(requests), 0)::bigint`.as('requests'),
  sql<number>`coalesce(sum(input_tokens), 0)::bigint`.as('input_tokens'),
  sql<number>`coalesce(sum(cached_tokens), 0)::bigint`.as('cached_tokens'),
  sql<number>`coalesce(sum(output_tokens), 0)::bigint`.as('output_tokens'),
  sql<number>`coalesce(sum(reasoning_tokens), 0)::bigint`.as('reasoning_tokens'),
  sql<number>`coalesce(sum(cost_micros), 0)::bigint`.as('cost_micros'),
] as const;

type SumRow = Omit<CostTotals, 'cost_usd'> & { cost_micros: number };

function totalsOf({ cost_micros, ...row }: SumRow): CostTotals {
  return { ...row, cost_usd: formatMicros(cost_micros) };
}

/** Sums the tenant's cost ledger over `[from, to]` (inclusive UTC days) per group and in total. */
export async function queryCostReport(
  db: Kysely<AgentRuntimeTables>,
  scope: UsageScope,
  query: CostQuery,
): Promise<CostReport> {
  let rows = db.selectFrom('usage_cost_entries').where('tenant_id', '=', scope.tenantId);
  if (query.from !== undefined) rows = rows.where('occurred_at', '>=', new Date(`${query.from}T00:00:00Z`));
  if (query.to !== undefined)
    rows = rows.where('occurred_at', '<', new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS));
  const key = GROUP_KEYS[query.groupBy];
  const grouped = rows.select([key.as('key'), ...SUMS]).groupBy(key);
  const ordered =
    query.groupBy === 'day'
      ? grouped.orderBy(key, 'asc')
      : grouped.orderBy(sql`sum(cost_micros)`, 'desc').orderBy(key, 'asc');
  const [groups, total] = await Promise.all([
    ordered.limit(MAX_COST_GROUPS).execute(),
    rows.select(SUMS).executeTakeFirstOrThrow(),
  ]);
  return {
    group_by: query.groupBy,
    from: query.from ?? null,
    to: query.to ?? null,
    currency: 'USD',
    groups: groups.map(({ key: groupKey, ...sums }): CostGroup => ({ key: groupKey, ...totalsOf(sums) })),
    total: totalsOf(total),
  };
}
