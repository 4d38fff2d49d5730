import { randomUUID } from 'node:crypto';
import { createKysely, createMigrator } from '@starter/providers';
import { createTestDatabase, type TestDatabase } from '@starter/providers/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentRuntimeMigrations } from './agent-runtime-migrations.js';

const TABLES = [
  'agent_conversations',
  'agent_messages',
  'agent_run_events',
  'agent_run_usage',
  'chat_runs',
  'conversation_ledger_events',
  'conversation_ledger_segments',
  'conversation_summaries',
  'sdk_agent_session_messages',
  'sdk_agent_sessions',
  'usage_cost_entries',
  'usage_counters',
];

describe('agentRuntimeMigrations', { timeout: 60_000 }, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  }, 60_000);

  const tables = async (): Promise<string[]> => {
    const rows = await createKysely(database)
      .selectFrom(sql`information_schema.tables`.as('t'))
      .select(sql<string>`table_name`.as('name'))
      .where(sql`table_schema`, '=', 'public')
      .where(sql`table_name`, 'not like', 'starter_migration%')
      .orderBy('name')
      .execute();
    return rows.map((row) => row.name);
  };

  it('is the @starter/agent-runtime set with unique names and a down for each', () => {
    expect(agentRuntimeMigrations.source).toBe('@starter/agent-runtime');
    const names = agentRuntimeMigrations.migrations.map((migration) => migration.name);
    expect(new Set(names).size).toBe(names.length);
    expect(agentRuntimeMigrations.migrations.every((migration) => typeof migration.down === 'function')).toBe(
      true,
    );
  });

  it('migrates up, down to zero, and up again', async () => {
    const migrator = createMigrator(database, [agentRuntimeMigrations]);
    const up = await migrator.up();
    expect(up.migrations).toEqual(
      agentRuntimeMigrations.migrations.map((m) => `@starter/agent-runtime:${m.name}`),
    );
    await migrator.assertCurrent();
    expect(await tables()).toEqual(TABLES);

    for (const _ of agentRuntimeMigrations.migrations) {
      expect((await migrator.down()).migrations).toHaveLength(1);
    }
    expect(await tables()).toEqual([]);

    await migrator.up();
    expect(await migrator.pending()).toEqual([]);
    expect(await tables()).toEqual(TABLES);
  });

  it('cascades session deletes to items and rejects items of unknown sessions', async () => {
    const tenant = randomUUID();
    await database.query(`insert into sdk_agent_sessions (tenant_id, session_id) values ($1, 's')`, [tenant]);
    await database.query(
      `insert into sdk_agent_session_messages (tenant_id, session_id, position, item) values ($1, 's', 0, $2)`,
      [tenant, '{"role":"user","content":"hi"}'],
    );
    await expect(
      database.query(
        `insert into sdk_agent_session_messages (tenant_id, session_id, position, item) values ($1, 'missing', 0, '{}')`,
        [tenant],
      ),
    ).rejects.toMatchObject({ code: '23503' });
    await expect(
      database.query(
        `insert into sdk_agent_session_messages (tenant_id, session_id, position, item) values ($1, 's', 0, '{}')`,
        [tenant],
      ),
    ).rejects.toMatchObject({ code: '23505' });
    await database.query(`delete from sdk_agent_sessions where tenant_id = $1`, [tenant]);
    const { rows } = await database.query<{ n: number }>(
      `select count(*)::int as n from sdk_agent_session_messages where tenant_id = $1`,
      [tenant],
    );
    expect(rows[0]?.n).toBe(0);
  });
});
