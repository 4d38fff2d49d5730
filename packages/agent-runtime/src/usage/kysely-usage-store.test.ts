import { randomUUID } from 'node:crypto';
import type { TenantId } from '@starter/contracts';
import { createKysely, createMigrator } from '@starter/providers';
import { createTestDatabase, type TestDatabase } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRuntimeTables } from '../migrations/agent-runtime-tables.js';
import { agentRuntimeMigrations } from '../migrations/index.js';
import type { ModelUsageReport } from '../runtime/model-usage.js';
import { createKyselyUsageStore } from './kysely-usage-store.js';
import { createModelPriceTable } from './model-prices.js';
import type { RunUsageInput } from './usage-store.js';

// One database for the whole file (PGlite start-up is slow); each test uses fresh tenant ids.
let database: TestDatabase;
let db: Kysely<AgentRuntimeTables>;

beforeAll(async () => {
  database = await createTestDatabase();
  await createMigrator(database, [agentRuntimeMigrations]).up();
  db = createKysely<AgentRuntimeTables>(database);
}, 120_000);
afterAll(async () => {
  await database?.drop();
}, 60_000);

const DAY = '2025-03-14';
const newTenant = () => randomUUID() as TenantId;

function response(tokens: Partial<ModelUsageReport> = {}): ModelUsageReport {
  return {
    runId: 'ignored',
    model: 'gpt-4.1',
    responseId: `resp_${randomUUID()}`,
    requests: 1,
    inputTokens: 1000,
    outputTokens: 200,
    cachedTokens: 0,
    reasoningTokens: 0,
    ...tokens,
  };
}

function run(tenantId: string, overrides: Partial<RunUsageInput> = {}): RunUsageInput {
  return {
    tenantId,
    userId: randomUUID(),
    conversationId: randomUUID(),
    runId: `run_${randomUUID()}`,
    agentKey: 'triage',
    responses: [response()],
    occurredAt: new Date(`${DAY}T10:00:00Z`),
    ...overrides,
  };
}

describe('createKyselyUsageStore', () => {
  it('records the run, one priced ledger row per response and the daily counters in one go', async () => {
    const tenantId = newTenant();
    const store = createKyselyUsageStore(db);
    const input = run(tenantId, {
      responses: [
        response({ inputTokens: 1000, cachedTokens: 400, outputTokens: 300, reasoningTokens: 100 }),
        response({ model: 'gpt-4.1-mini', inputTokens: 500, outputTokens: 50, responseId: null }),
      ],
    });
    await store.recordRun(input);

    const usage = await db
      .selectFrom('agent_run_usage')
      .selectAll()
      .where('run_id', '=', input.runId)
      .executeTakeFirstOrThrow();
    expect(usage).toMatchObject({
      tenant_id: tenantId,
      user_id: input.userId,
      conversation_id: input.conversationId,
      agent_key: 'triage',
      requests: 2,
      input_tokens: 1500,
      output_tokens: 350,
      total_tokens: 1850,
      cached_tokens: 400,
      reasoning_tokens: 100,
    });
    const entries = await db
      .selectFrom('usage_cost_entries')
      .selectAll()
      .where('run_id', '=', input.runId)
      .orderBy('ordinal')
      .execute();
    // gpt-4.1: 600 × 2 + 400 × 0.5 + 300 × 8 = 3800 µ$; gpt-4.1-mini: 500 × 0.4 + 50 × 1.6 = 280 µ$.
    expect(entries.map((row) => [row.ordinal, row.model, row.cost_micros, row.priced])).toEqual([
      [0, 'gpt-4.1', 3800, true],
      [1, 'gpt-4.1-mini', 280, true],
    ]);
    expect(entries[0]).toMatchObject({ input_price_per_1m: '2.000000', output_price_per_1m: '8.000000' });
    expect(entries[1]?.response_id).toBeNull();

    const counters = await store.counters({ tenantId });
    expect(counters.map((row) => [row.user_id, row.period_start, row.granularity, row.requests])).toEqual(
      expect.arrayContaining([
        [input.userId, DAY, 'day', 2],
        [null, DAY, 'day', 2],
      ]),
    );
    expect(counters).toHaveLength(2);
  });

  it('recording the same run twice changes nothing', async () => {
    const tenantId = newTenant();
    const store = createKyselyUsageStore(db);
    const input = run(tenantId);
    await store.recordRun(input);
    await store.recordRun(input);
    await Promise.all([store.recordRun(input), store.recordRun(input)]);
    const entries = await db
      .selectFrom('usage_cost_entries')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(entries).toHaveLength(1);
    const counters = await store.counters({ tenantId });
    expect(counters.map((row) => row.input_tokens)).toEqual([1000, 1000]);
  });

  it("joins the caller's transaction: a rollback leaves nothing, a commit records once", async () => {
    const tenantId = newTenant();
    const input = run(tenantId);
    const failed = await db
      .transaction()
      .execute(async (trx) => {
        await createKyselyUsageStore(trx).recordRun(input);
        throw new Error('a later write of the same unit failed');
      })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    const ledger = () =>
      db.selectFrom('usage_cost_entries').select('id').where('tenant_id', '=', tenantId).execute();
    expect(await ledger()).toHaveLength(0);
    expect(await createKyselyUsageStore(db).counters({ tenantId })).toHaveLength(0);

    await db.transaction().execute(async (trx) => {
      const store = createKyselyUsageStore(trx);
      await store.recordRun(input);
      await store.recordRun(input);
    });
    await createKyselyUsageStore(db).recordRun(input);
    expect(await ledger()).toHaveLength(1);
  });

  it('adds two runs of the same day into the same counter rows; the tenant total sums users', async () => {
    const tenantId = newTenant();
    const userId = randomUUID();
    const store = createKyselyUsageStore(db);
    await store.recordRun(run(tenantId, { userId }));
    await store.recordRun(run(tenantId, { userId, occurredAt: new Date(`${DAY}T23:59:59Z`) }));
    await store.recordRun(run(tenantId, { userId: randomUUID() }));
    await store.recordRun(run(tenantId, { userId: null }));
    await store.recordRun(run(tenantId, { userId, occurredAt: new Date('2025-03-15T00:00:00Z') }));

    const counters = await store.counters({ tenantId });
    const mine = counters.filter((row) => row.user_id === userId);
    expect(mine.map((row) => [row.period_start, row.requests, row.input_tokens, row.output_tokens])).toEqual([
      ['2025-03-15', 1, 1000, 200],
      [DAY, 2, 2000, 400],
    ]);
    const totals = counters.filter((row) => row.user_id === null);
    expect(totals.map((row) => [row.period_start, row.requests])).toEqual([
      ['2025-03-15', 1],
      [DAY, 4],
    ]);
    expect(await store.counters({ tenantId }, { limit: 2 })).toHaveLength(2);
  });

  it('keeps the price snapshot on the row when the price table changes later', async () => {
    const tenantId = newTenant();
    const before = createKyselyUsageStore(db);
    await before.recordRun(
      run(tenantId, { responses: [response({ inputTokens: 1_000_000, outputTokens: 0 })] }),
    );
    const after = createKyselyUsageStore(db, {
      prices: createModelPriceTable({
        'gpt-4.1': { input: 100, cachedInput: 50, output: 400, currency: 'USD' },
      }),
    });
    await after.recordRun(
      run(tenantId, { responses: [response({ inputTokens: 1_000_000, outputTokens: 0 })] }),
    );

    const rows = await db
      .selectFrom('usage_cost_entries')
      .select(['input_price_per_1m', 'cost_micros'])
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { input_price_per_1m: '2.000000', cost_micros: 2_000_000 },
      { input_price_per_1m: '100.000000', cost_micros: 100_000_000 },
    ]);
    const report = await after.costs({ tenantId }, { groupBy: 'day' });
    expect(report.total.cost_usd).toBe('102.000000');
  });

  it('records an unknown model at cost 0 with priced false, and the report counts it', async () => {
    const tenantId = newTenant();
    const store = createKyselyUsageStore(db);
    await store.recordRun(run(tenantId, { responses: [response({ model: 'mystery-model' })] }));
    const row = await db
      .selectFrom('usage_cost_entries')
      .select(['priced', 'cost_micros', 'model'])
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ priced: false, cost_micros: 0, model: 'mystery-model' });
    const report = await store.costs({ tenantId }, { groupBy: 'agent' });
    expect(report.total).toMatchObject({ responses: 1, unpriced_responses: 1, cost_usd: '0.000000' });
  });

  it('records a run without responses (no counters) and tolerates odd token values', async () => {
    const tenantId = newTenant();
    const store = createKyselyUsageStore(db);
    await store.recordRun(run(tenantId, { responses: [] }));
    expect(await store.counters({ tenantId })).toEqual([]);
    await store.recordRun(
      run(tenantId, {
        responses: [response({ inputTokens: Number.NaN, outputTokens: -5, cachedTokens: 2.7 })],
      }),
    );
    const counters = await store.counters({ tenantId });
    expect(counters.map((row) => [row.input_tokens, row.output_tokens])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('sums costs per day, agent and user within an inclusive date range, for one tenant only', async () => {
    const tenantId = newTenant();
    const other = newTenant();
    const alice = randomUUID();
    const store = createKyselyUsageStore(db);
    const at = (day: string) => new Date(`${day}T12:00:00Z`);
    await store.recordRun(run(tenantId, { userId: alice, agentKey: 'triage', occurredAt: at('2025-03-01') }));
    await store.recordRun(
      run(tenantId, { userId: alice, agentKey: 'research', occurredAt: at('2025-03-02') }),
    );
    await store.recordRun(
      run(tenantId, { userId: null, agentKey: 'research', occurredAt: at('2025-03-02') }),
    );
    await store.recordRun(run(tenantId, { agentKey: 'triage', occurredAt: at('2025-03-05') }));
    await store.recordRun(run(other, { occurredAt: at('2025-03-02') }));
    // gpt-4.1 default response: 1000 × 2 + 200 × 8 = 3600 µ$ each.

    const byDay = await store.costs({ tenantId }, { groupBy: 'day', from: '2025-03-01', to: '2025-03-02' });
    expect(byDay.groups.map((group) => [group.key, group.responses, group.cost_usd])).toEqual([
      ['2025-03-01', 1, '0.003600'],
      ['2025-03-02', 2, '0.007200'],
    ]);
    expect(byDay.total).toMatchObject({
      responses: 3,
      requests: 3,
      input_tokens: 3000,
      cost_usd: '0.010800',
    });
    expect(byDay).toMatchObject({ from: '2025-03-01', to: '2025-03-02', currency: 'USD', group_by: 'day' });

    const byAgent = await store.costs({ tenantId }, { groupBy: 'agent' });
    expect(byAgent.groups.map((group) => [group.key, group.responses])).toEqual([
      ['research', 2],
      ['triage', 2],
    ]);
    const byUser = await store.costs({ tenantId }, { groupBy: 'user', to: '2025-03-04' });
    expect(byUser.groups.map((group) => [group.key, group.responses])).toEqual(
      expect.arrayContaining([
        [alice, 2],
        [null, 1],
      ]),
    );
    expect(byUser.total.responses).toBe(3);
    const empty = await store.costs({ tenantId: newTenant() }, { groupBy: 'day' });
    expect(empty).toMatchObject({ groups: [], total: { responses: 0, cost_usd: '0.000000' } });
  });
});
