import { AppError } from '@starter/contracts';
import type { MigrationSet } from '@starter/providers';
import { createTestDatabase, type TestDatabase, testProfile } from '@starter/providers/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { appMigrationSets, formatMigrationTable, prepareDatabase } from './migrations.js';
import { loadSettings } from './settings/index.js';

const silentLogger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silentLogger };

const sampleSets: MigrationSet[] = [
  {
    source: '@starter/sample',
    migrations: [
      {
        name: '0001_create_widget',
        up: async (db) => {
          await db.schema
            .createTable('sample_widget')
            .addColumn('id', 'integer', (col) => col.primaryKey())
            .execute();
        },
        down: async (db) => {
          await db.schema.dropTable('sample_widget').execute();
        },
      },
    ],
  },
];

async function tableExists(database: TestDatabase): Promise<boolean> {
  const { rows } = await database.query<{ present: boolean }>(
    "select to_regclass('sample_widget') is not null as present",
  );
  return rows[0]?.present === true;
}

describe('prepareDatabase', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it("runs the domain packages' migration sets in dependency order", () => {
    expect(appMigrationSets.map((set) => set.source)).toEqual([
      '@starter/identity',
      '@starter/agent-runtime',
    ]);
  });

  it('always migrates the embedded database', async () => {
    database = await createTestDatabase({ kind: 'pglite' });
    await prepareDatabase(database, loadSettings({}), silentLogger, sampleSets);
    expect(await tableExists(database)).toBe(true);
  });

  it.skipIf(!testProfile().databaseUrl)(
    'refuses a Postgres schema that is behind, naming what is pending',
    async () => {
      database = await createTestDatabase({ kind: 'postgres' });
      const settings = loadSettings({ DATABASE_URL: 'postgres://unused/db' });
      const failure = await prepareDatabase(database, settings, silentLogger, sampleSets).catch(
        (error) => error,
      );
      expect(failure).toBeInstanceOf(AppError);
      expect(failure).toMatchObject({ code: 'ServiceUnavailable' });
      expect((failure as AppError).message).toContain('@starter/sample:0001_create_widget');
      expect((failure as AppError).message).toContain('pnpm migrate');
      expect(await tableExists(database)).toBe(false);

      await prepareDatabase(database, { ...settings, autoRunMigrations: true }, silentLogger, sampleSets);
      expect(await tableExists(database)).toBe(true);
      await prepareDatabase(database, settings, silentLogger, sampleSets);
    },
  );
});

describe('formatMigrationTable', () => {
  it('lists each migration with its state and a summary', () => {
    const text = formatMigrationTable([
      { source: '@starter/identity', name: '0001_users', executedAt: new Date('2026-01-02T03:04:05.000Z') },
      { source: '@starter/billing', name: '0001_plans', executedAt: null },
    ]);
    expect(text.split('\n')).toEqual([
      'SOURCE             NAME        APPLIED AT',
      '@starter/identity  0001_users  2026-01-02T03:04:05.000Z',
      '@starter/billing   0001_plans  pending',
      '',
      '1 applied, 1 pending.',
      '',
    ]);
    expect(formatMigrationTable([])).toBe('No migrations defined.\n');
  });
});
