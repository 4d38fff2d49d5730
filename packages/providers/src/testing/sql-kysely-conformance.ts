import { type ColumnType, type Generated, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createKysely } from '../sql/create-kysely.js';
import { type DatabaseGetter, rejectionOf, uniqueName } from './sql-conformance-helpers.js';

interface Item {
  id: number;
  label: string;
  meta: ColumnType<unknown, string | null, string | null>;
  created_at: Generated<Date>;
}

/** Kysely on top of the database: queries, transactions, streaming and introspection. */
export function describeSqlKyselyConformance(get: DatabaseGetter): void {
  describe('Kysely', () => {
    const setup = async () => {
      const table = uniqueName('k_items');
      const db = createKysely<Record<string, Item>>(get());
      await db.schema
        .createTable(table)
        .addColumn('id', 'integer', (col) => col.primaryKey())
        .addColumn('label', 'text', (col) => col.notNull())
        .addColumn('meta', 'jsonb')
        .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
        .execute();
      return { db, table };
    };

    it('inserts, selects, updates and counts', async () => {
      const { db, table } = await setup();
      const inserted = await db
        .insertInto(table)
        .values([
          { id: 1, label: 'a', meta: JSON.stringify({ tags: ['x'] }) },
          { id: 2, label: 'b', meta: null },
        ])
        .returning(['id', 'created_at'])
        .execute();
      expect(inserted).toHaveLength(2);
      expect(inserted[0]?.created_at).toBeInstanceOf(Date);

      const row = await db.selectFrom(table).selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ id: 1, label: 'a', meta: { tags: ['x'] } });

      const updated = await db.updateTable(table).set({ label: 'c' }).where('id', '>', 0).executeTakeFirst();
      expect(updated.numUpdatedRows).toBe(2n);

      const { count } = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      expect(count).toBe(2);
    });

    it('commits transactions and rolls them back when the callback throws', async () => {
      const { db, table } = await setup();
      await db.transaction().execute(async (trx) => {
        await trx.insertInto(table).values({ id: 1, label: 'kept', meta: null }).execute();
      });
      const failure = new Error('boom');
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.insertInto(table).values({ id: 2, label: 'lost', meta: null }).execute();
          throw failure;
        }),
      ).rejects.toBe(failure);
      const labels = await db.selectFrom(table).select('label').execute();
      expect(labels).toEqual([{ label: 'kept' }]);
    });

    it('surfaces an aborted transaction instead of committing it', async () => {
      const { db, table } = await setup();
      const error = await rejectionOf(
        db.transaction().execute(async (trx) => {
          await trx.insertInto(table).values({ id: 1, label: 'a', meta: null }).execute();
          await rejectionOf(trx.insertInto(table).values({ id: 1, label: 'dup', meta: null }).execute());
        }),
      );
      expect(error.code).toBe('25P02');
      expect(await db.selectFrom(table).selectAll().execute()).toEqual([]);
    });

    it('runs concurrent queries and transactions without interference', async () => {
      const { db, table } = await setup();
      await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          index % 2 === 0
            ? db
                .insertInto(table)
                .values({ id: index, label: `n${index}`, meta: null })
                .execute()
            : db.transaction().execute((trx) =>
                trx
                  .insertInto(table)
                  .values({ id: index, label: `t${index}`, meta: null })
                  .execute(),
              ),
        ),
      );
      const rows = await db.selectFrom(table).select('id').orderBy('id').execute();
      expect(rows.map((row) => row.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('supports savepoints inside transactions', async () => {
      const { db, table } = await setup();
      const trx = await db.startTransaction().execute();
      await trx.insertInto(table).values({ id: 1, label: 'outer', meta: null }).execute();
      const savepoint = await trx.savepoint('before_dup').execute();
      await rejectionOf(savepoint.insertInto(table).values({ id: 1, label: 'dup', meta: null }).execute());
      const restored = await savepoint.rollbackToSavepoint('before_dup').execute();
      await restored.insertInto(table).values({ id: 2, label: 'after', meta: null }).execute();
      await restored.commit().execute();
      expect(await db.selectFrom(table).select('id').orderBy('id').execute()).toEqual([{ id: 1 }, { id: 2 }]);
    });

    it('streams rows in chunks, inside and outside transactions', async () => {
      const { db, table } = await setup();
      await db
        .insertInto(table)
        .values(Array.from({ length: 25 }, (_, index) => ({ id: index, label: `s${index}`, meta: null })))
        .execute();
      const streamed: number[] = [];
      for await (const row of db
        .selectFrom(table)
        .select('id')
        .where('id', '>=', 0)
        .orderBy('id')
        .stream(10)) {
        streamed.push(row.id);
      }
      expect(streamed).toEqual(Array.from({ length: 25 }, (_, index) => index));
      const inTransaction = await db.transaction().execute(async (trx) => {
        let count = 0;
        for await (const _row of trx.selectFrom(table).select('id').stream(7)) count += 1;
        return count;
      });
      expect(inTransaction).toBe(25);
    });

    it('introspects tables', async () => {
      const { db, table } = await setup();
      const tables = await db.introspection.getTables();
      const found = tables.find((candidate) => candidate.name === table);
      expect(found?.columns.map((column) => column.name).sort()).toEqual([
        'created_at',
        'id',
        'label',
        'meta',
      ]);
    });
  });
}
