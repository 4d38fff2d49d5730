import type { TenantId, UserId } from '@starter/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { AgentRuntimeTables } from '../migrations/agent-runtime-tables.js';
import { queryCostReport } from './cost-report-query.js';
import { createModelPriceTable, type ModelPriceTable } from './model-prices.js';
import { runUsageRows } from './run-usage-rows.js';
import { addToDailyCounter } from './usage-counter-upsert.js';
import type { UsageCounterRow, UsageStore } from './usage-store.js';

/** GET /usage returns at most this many counter rows (spec §1.20). */
export const MAX_USAGE_COUNTER_ROWS = 100;

/** Options of `createKyselyUsageStore`. */
export interface KyselyUsageStoreOptions {
  /** Prices for new ledger rows; the defaults of `createModelPriceTable()` when absent. */
  readonly prices?: ModelPriceTable | undefined;
  /** Stamps `updated_at` of counters (the usage itself is dated by `occurredAt`). */
  readonly clock?: (() => Date) | undefined;
}

/** A `UsageStore` on `agent_run_usage`, `usage_counters` and `usage_cost_entries`. */
export function createKyselyUsageStore(
  db: Kysely<AgentRuntimeTables>,
  options: KyselyUsageStoreOptions = {},
): UsageStore {
  const prices = options.prices ?? createModelPriceTable();
  const now = options.clock ?? (() => new Date());

  return {
    async recordRun(input) {
      const { run, costs } = runUsageRows(input, prices);
      // On a transaction handle the caller's unit of work is joined (one commit with its other writes).
      const inTransaction = (work: (trx: Kysely<AgentRuntimeTables>) => Promise<void>) =>
        db.isTransaction
          ? work(db)
          : db.transaction().execute((trx: Transaction<AgentRuntimeTables>) => work(trx));
      await inTransaction(async (trx) => {
        // The run row is the idempotency key: a second recording (retry, another instance) stops here,
        // and a concurrent one waits on the unique index and then finds the row.
        const claimed = await trx
          .insertInto('agent_run_usage')
          .values(run)
          .onConflict((conflict) => conflict.column('run_id').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (claimed === undefined || costs.length === 0) return;
        await trx
          .insertInto('usage_cost_entries')
          .values(costs)
          .onConflict((conflict) => conflict.columns(['run_id', 'ordinal']).doNothing())
          .execute();
        const delta = {
          tenantId: input.tenantId as TenantId,
          periodStart: input.occurredAt.toISOString().slice(0, 10),
          inputTokens: run.input_tokens ?? 0,
          outputTokens: run.output_tokens ?? 0,
          requests: run.requests ?? 0,
          updatedAt: now(),
        };
        if (input.userId !== null) await addToDailyCounter(trx, { ...delta, userId: input.userId as UserId });
        await addToDailyCounter(trx, { ...delta, userId: null });
      });
    },

    async counters(scope, counterOptions = {}) {
      const limit = Math.min(
        Math.max(counterOptions.limit ?? MAX_USAGE_COUNTER_ROWS, 1),
        MAX_USAGE_COUNTER_ROWS,
      );
      const rows = await db
        .selectFrom('usage_counters')
        .select([
          'id',
          'tenant_id',
          'user_id',
          'period_start',
          'granularity',
          'input_tokens',
          'output_tokens',
          'requests',
          'storage_bytes',
          'updated_at',
        ])
        .where('tenant_id', '=', scope.tenantId)
        .orderBy('period_start', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows satisfies UsageCounterRow[];
    },

    costs: (scope, query) => queryCostReport(db, scope, query),
  };
}
