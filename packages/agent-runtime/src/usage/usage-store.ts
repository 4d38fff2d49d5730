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

/**
 * Usage metering and the cost ledger: `agent_run_usage` per run, daily `usage_counters` per tenant and
 * user, and one priced row per model response with the price snapshotted on the row.
 */
export interface UsageStore {
  /** Records a run's usage in one transaction; recording the same run twice changes nothing. */
  recordRun(input: RunUsageInput): Promise<void>;
}
