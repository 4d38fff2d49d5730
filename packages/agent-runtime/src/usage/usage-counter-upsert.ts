import type { TenantId, UserId } from '@starter/contracts';
import { type Kysely, sql } from 'kysely';
import type { AgentRuntimeTables } from '../migrations/agent-runtime-tables.js';

/** What one run adds to a counter row. */
export interface CounterDelta {
  readonly tenantId: TenantId;
  readonly userId: UserId | null;
  /** `YYYY-MM-DD`, UTC. */
  readonly periodStart: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly requests: number;
  readonly updatedAt: Date;
}

/**
 * Adds `delta` to its daily counter row, creating it on first use. Per-user rows and the tenant total
 * (user_id null) have separate partial unique indexes, so each upsert names its own conflict target.
 */
export async function addToDailyCounter(db: Kysely<AgentRuntimeTables>, delta: CounterDelta): Promise<void> {
  const perUser = delta.userId !== null;
  await db
    .insertInto('usage_counters')
    .values({
      tenant_id: delta.tenantId,
      user_id: delta.userId,
      period_start: delta.periodStart,
      granularity: 'day',
      input_tokens: delta.inputTokens,
      output_tokens: delta.outputTokens,
      requests: delta.requests,
      created_at: delta.updatedAt,
      updated_at: delta.updatedAt,
    })
    .onConflict((conflict) =>
      (perUser
        ? conflict
            .columns(['tenant_id', 'user_id', 'period_start', 'granularity'])
            .where(sql<boolean>`user_id is not null`)
        : conflict.columns(['tenant_id', 'period_start', 'granularity']).where(sql<boolean>`user_id is null`)
      ).doUpdateSet((eb) => ({
        input_tokens: eb('usage_counters.input_tokens', '+', eb.ref('excluded.input_tokens')),
        output_tokens: eb('usage_counters.output_tokens', '+', eb.ref('excluded.output_tokens')),
        requests: eb('usage_counters.requests', '+', eb.ref('excluded.requests')),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
