import { isAppError } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { createMigrator } from '../migrations/create-migrator.js';
import type { Migration, MigrationSet } from '../migrations/migration.js';
import { type DatabaseGetter, rejectionOf, uniqueName } from './sql-conformance-helpers.js';

/** A migration creating (and dropping) `table`, recording each run in `log`. */
function tableMigration(name: string, table: string, log: string[], withDown = true): Migration {
  return {
    name,
    async up(db) {
      log.push(`up:${name}`);
      await db.schema.createTable(table).addColumn('id', 'integer').execute();
    },
    ...(withDown
      ? {
          async down(db) {
            log.push(`down:${name}`);
            await db.schema.dropTable(table).execute();
          },
        }
      : {}),
  };
}

/** The migrator's ordering, bookkeeping and failure rules. */
export function describeSqlMigratorConformance(get: DatabaseGetter): void {
  describe('migrator', () => {
    const tableExists = async (table: string): Promise<boolean> => {
      const { rows } = await get().query<{ present: boolean }>(
        'select to_regclass($1) is not null as present',
        [table],
      );
      return rows[0]?.present === true;
    };

    const fixture = () => {
      const log: string[] = [];
      const tableName = uniqueName('mig');
      const tables = { a: uniqueName('m_a'), b: uniqueName('m_b'), c: uniqueName('m_c') };
      // Set and migration names sort the opposite way to the required order.
      const sets: MigrationSet[] = [
        {
          source: '@zeta/core',
          migrations: [tableMigration('2_first', tables.a, log), tableMigration('1_second', tables.b, log)],
        },
        { source: '@alpha/ext', migrations: [tableMigration('0_third', tables.c, log)] },
      ];
      return { log, tableName, tables, sets };
    };

    it('applies pending migrations in set order then array order, and reports status', async () => {
      const { log, tableName, tables, sets } = fixture();
      const migrator = createMigrator(get(), sets, { tableName });
      expect(await migrator.pending()).toEqual([
        '@zeta/core:2_first',
        '@zeta/core:1_second',
        '@alpha/ext:0_third',
      ]);
      const error = await rejectionOf(migrator.assertCurrent());
      expect(isAppError(error) && error.code).toBe('ServiceUnavailable');
      expect(error.message).toBe(
        'Database migrations are behind: 3 pending (@zeta/core:2_first, @zeta/core:1_second, @alpha/ext:0_third). Run `pnpm migrate`.',
      );

      const report = await migrator.up();
      expect(report).toEqual({
        direction: 'up',
        migrations: ['@zeta/core:2_first', '@zeta/core:1_second', '@alpha/ext:0_third'],
      });
      expect(log).toEqual(['up:2_first', 'up:1_second', 'up:0_third']);
      expect(await tableExists(tables.c)).toBe(true);
      await migrator.assertCurrent();
      expect(await migrator.pending()).toEqual([]);
      const status = await migrator.status();
      expect(status.map(({ source, name }) => `${source}:${name}`)).toEqual([
        '@zeta/core:2_first',
        '@zeta/core:1_second',
        '@alpha/ext:0_third',
      ]);
      expect(status.every((item) => item.executedAt instanceof Date)).toBe(true);
      expect(await migrator.up()).toEqual({ direction: 'up', migrations: [] });
    });

    it('runs a migration added later to an earlier set on an existing database', async () => {
      const { log, tableName, sets } = fixture();
      await createMigrator(get(), sets, { tableName }).up();
      const late = uniqueName('m_late');
      const [first, second] = sets;
      if (!first || !second) throw new Error('fixture has two sets');
      const grown: MigrationSet[] = [
        { source: first.source, migrations: [...first.migrations, tableMigration('0_late', late, log)] },
        second,
      ];
      const migrator = createMigrator(get(), grown, { tableName });
      expect(await migrator.pending()).toEqual(['@zeta/core:0_late']);
      expect((await migrator.up()).migrations).toEqual(['@zeta/core:0_late']);
      expect(await tableExists(late)).toBe(true);
      // One step down reverts the most recently applied migration: the late one.
      expect(await migrator.down()).toEqual({ direction: 'down', migrations: ['@zeta/core:0_late'] });
      expect(await tableExists(late)).toBe(false);
    });

    it('reverts one step at a time and refuses migrations without down()', async () => {
      const { log, tableName, tables, sets } = fixture();
      const migrator = createMigrator(get(), sets, { tableName });
      await migrator.up();
      expect(await migrator.down()).toEqual({ direction: 'down', migrations: ['@alpha/ext:0_third'] });
      expect(await tableExists(tables.c)).toBe(false);
      expect(await migrator.pending()).toEqual(['@alpha/ext:0_third']);
      const status = await migrator.status();
      expect(status.map((item) => item.executedAt === null)).toEqual([false, false, true]);
      await migrator.down();
      await migrator.down();
      expect(log.slice(-3)).toEqual(['down:0_third', 'down:1_second', 'down:2_first']);
      expect(await migrator.down()).toEqual({ direction: 'down', migrations: [] });

      const irreversible = createMigrator(
        get(),
        [{ source: '@x/once', migrations: [tableMigration('only', uniqueName('m_once'), log, false)] }],
        { tableName: uniqueName('mig') },
      );
      await irreversible.up();
      const error = await rejectionOf(irreversible.down());
      expect(isAppError(error) && error.code).toBe('BadRequest');
      expect(await irreversible.pending()).toEqual([]);
    });

    it('rolls back a failing migration alone and reports it', async () => {
      const log: string[] = [];
      const tableName = uniqueName('mig');
      const good = uniqueName('m_good');
      const half = uniqueName('m_half');
      const migrator = createMigrator(
        get(),
        [
          {
            source: '@x/fail',
            migrations: [
              tableMigration('1_good', good, log),
              {
                name: '2_bad',
                async up(db) {
                  await db.schema.createTable(half).addColumn('id', 'integer').execute();
                  await db.schema.createTable(half).addColumn('id', 'integer').execute();
                },
              },
            ],
          },
        ],
        { tableName },
      );
      const error = await rejectionOf(migrator.up());
      expect(isAppError(error) && error.code).toBe('InternalServerError');
      expect(error.message).toContain('@x/fail:2_bad');
      expect((error.cause as { code?: string }).code).toBe('42P07');
      expect(await tableExists(good)).toBe(true);
      expect(await tableExists(half)).toBe(false);
      expect(await migrator.pending()).toEqual(['@x/fail:2_bad']);
    });

    it('rejects duplicate names and sources', () => {
      const log: string[] = [];
      const twice = tableMigration('same', uniqueName('m_dup'), log);
      expect(() => createMigrator(get(), [{ source: '@x/dup', migrations: [twice, twice] }])).toThrow(
        /Duplicate migration name "@x\/dup:same"/,
      );
      expect(() =>
        createMigrator(get(), [
          { source: '@x/dup', migrations: [] },
          { source: '@x/dup', migrations: [] },
        ]),
      ).toThrow(/listed twice/);
    });

    it('fails clearly when the database has a migration the code does not define', async () => {
      const { tableName, sets } = fixture();
      await createMigrator(get(), sets, { tableName }).up();
      const older = createMigrator(get(), sets.slice(0, 1), { tableName });
      for (const call of [older.up, older.pending, older.status, older.assertCurrent]) {
        expect((await rejectionOf(call())).message).toContain('does not define: @alpha/ext:0_third');
      }
    });

    it('applies each migration once when two migrators race', async () => {
      const { log, tableName, sets } = fixture();
      const [left, right] = await Promise.all([
        createMigrator(get(), sets, { tableName }).up(),
        createMigrator(get(), sets, { tableName }).up(),
      ]);
      expect([...left.migrations, ...right.migrations].sort()).toEqual(
        ['@zeta/core:2_first', '@zeta/core:1_second', '@alpha/ext:0_third'].sort(),
      );
      expect(log).toEqual(['up:2_first', 'up:1_second', 'up:0_third']);
    });
  });
}
