import type { TenantId } from '@starter/contracts';
import type { ModelUsageReport } from '../runtime/model-usage.js';

/** Everything one finished run used, with who and what to attribute it to (spec §8.4, §14 cost ledger). */
export interface RunUsageInput {
  readonly tenantId: string;
  readonly userId: string | null;
  readonly conversationId: string | null;
  readonly runId: string;
  readonly agentKey: string;
  /** Each model response's usage, nested agent-as-tool runs included (`onUsage` / `model_usage` events). */
  readonly responses: readonly ModelUsageReport[];
  /** The day the usage counts for (UTC). */
  readonly occurredAt: Date;
}

/** Every query is scoped to one tenant: there is no way to read usage across tenants. */
export interface UsageScope {
  readonly tenantId: TenantId;
}

/** One `usage_counters` row as GET /usage returns it (spec §1.20); `user_id` null is the tenant total. */
export interface UsageCounterRow {
  id: number;
  tenant_id: string;
  user_id: string | null;
  /** `YYYY-MM-DD` (UTC). */
  period_start: string;
  granularity: 'day' | 'month';
  input_tokens: number;
  output_tokens: number;
  requests: number;
  storage_bytes: number;
  updated_at: Date;
}

/** How GET /usage/costs groups the ledger. */
export type CostGroupBy = 'day' | 'agent' | 'user';

/** A cost-ledger query; `from` and `to` are inclusive UTC days (`YYYY-MM-DD`). */
export interface CostQuery {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly groupBy: CostGroupBy;
}

/** Sums over a set of cost-ledger rows; `cost_usd` is a decimal string with 6 places. */
export interface CostTotals {
  responses: number;
  /** Responses of models missing from the price table, counted at 0. */
  unpriced_responses: number;
  requests: number;
  input_tokens: number;
  cached_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  cost_usd: string;
}

/** One group: `key` is the UTC day, the agent key or the user id (null for runs without a user). */
export interface CostGroup extends CostTotals {
  key: string | null;
}

/** The answer of GET /usage/costs. */
export interface CostReport {
  group_by: CostGroupBy;
  from: string | null;
  to: string | null;
  currency: 'USD';
  groups: CostGroup[];
  total: CostTotals;
}

/**
 * Usage metering and the cost ledger: `agent_run_usage` per run, daily `usage_counters` per tenant and
 * user, and one priced row per model response with the price snapshotted on the row.
 */
export interface UsageStore {
  /**
   * Records a run's usage in one transaction (the caller's, when the store was built on one); recording
   * the same run twice changes nothing.
   */
  recordRun(input: RunUsageInput): Promise<void>;
  /** The tenant's newest counter rows (at most `limit`, itself at most 100). */
  counters(scope: UsageScope, options?: { readonly limit?: number }): Promise<UsageCounterRow[]>;
  /** The tenant's cost ledger summed per group, plus the overall total. */
  costs(scope: UsageScope, query: CostQuery): Promise<CostReport>;
}
