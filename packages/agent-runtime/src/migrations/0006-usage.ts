import { type Kysely, type Migration, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still changing.
type AnyDb = Kysely<any>;

const tokenColumns = ['requests', 'input_tokens', 'output_tokens', 'cached_tokens', 'reasoning_tokens'];

/** The `>= 0` check of a counter column (names are constants of this file, never input). */
function nonNegative(name: string) {
  return sql.raw(`${name} >= 0`);
}

async function createRunUsage(db: AnyDb): Promise<void> {
  // No foreign keys to tenants, users or conversations: those tables belong to other packages.
  let table = db.schema
    .createTable('agent_run_usage')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('run_id', 'text', (c) => c.notNull().unique())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid')
    .addColumn('conversation_id', 'uuid')
    .addColumn('agent_key', 'text', (c) => c.notNull());
  for (const name of [...tokenColumns, 'total_tokens'])
    table = table.addColumn(name, 'bigint', (c) => c.notNull().defaultTo(0).check(nonNegative(name)));
  await table
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('agent_run_usage_run_id_check', sql`char_length(run_id) between 1 and 255`)
    .execute();
  await db.schema
    .createIndex('agent_run_usage_tenant_time_idx')
    .on('agent_run_usage')
    .columns(['tenant_id', 'occurred_at'])
    .execute();
}

async function createCounters(db: AnyDb): Promise<void> {
  let table = db.schema
    .createTable('usage_counters')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid')
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('granularity', 'text', (c) => c.notNull().check(sql`granularity in ('day', 'month')`));
  for (const name of ['input_tokens', 'output_tokens', 'requests', 'storage_bytes'])
    table = table.addColumn(name, 'bigint', (c) => c.notNull().defaultTo(0).check(nonNegative(name)));
  await table
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Two partial unique indexes rather than NULLS NOT DISTINCT (Postgres 15+): a per-user row and the
  // tenant-total row (user_id null) are each upserted with their own ON CONFLICT target.
  await db.schema
    .createIndex('usage_counters_user_period_key')
    .unique()
    .on('usage_counters')
    .columns(['tenant_id', 'user_id', 'period_start', 'granularity'])
    .where(sql<boolean>`user_id is not null`)
    .execute();
  await db.schema
    .createIndex('usage_counters_tenant_period_key')
    .unique()
    .on('usage_counters')
    .columns(['tenant_id', 'period_start', 'granularity'])
    .where(sql<boolean>`user_id is null`)
    .execute();
}

async function createCostEntries(db: AnyDb): Promise<void> {
  let table = db.schema
    .createTable('usage_cost_entries')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid')
    .addColumn('conversation_id', 'uuid')
    .addColumn('agent_key', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull().check(sql`ordinal >= 0`))
    .addColumn('response_id', 'text')
    .addColumn('model', 'text', (c) => c.notNull());
  for (const name of tokenColumns)
    table = table.addColumn(name, 'bigint', (c) => c.notNull().defaultTo(0).check(nonNegative(name)));
  // The price in force when the response was recorded, so a later price change never rewrites history.
  for (const name of ['input_price_per_1m', 'cached_input_price_per_1m', 'output_price_per_1m'])
    table = table.addColumn(name, sql`numeric(14, 6)`, (c) => c.notNull().check(nonNegative(name)));
  await table
    .addColumn('priced', 'boolean', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('cost_micros', 'bigint', (c) => c.notNull().check(nonNegative('cost_micros')))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('usage_cost_entries_run_ordinal_key', ['run_id', 'ordinal'])
    .execute();
  await db.schema
    .createIndex('usage_cost_entries_tenant_time_idx')
    .on('usage_cost_entries')
    .columns(['tenant_id', 'occurred_at'])
    .execute();
}

/** Usage metering (spec §8.4): per-run usage, daily counters and the priced cost ledger (§14). */
export const usageMigration: Migration & { name: string } = {
  name: '0006_usage',
  async up(db: AnyDb): Promise<void> {
    await createRunUsage(db);
    await createCounters(db);
    await createCostEntries(db);
  },
  async down(db: AnyDb): Promise<void> {
    await db.schema.dropTable('usage_cost_entries').execute();
    await db.schema.dropTable('usage_counters').execute();
    await db.schema.dropTable('agent_run_usage').execute();
  },
};
