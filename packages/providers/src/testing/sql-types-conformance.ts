import { describe, expect, it } from 'vitest';
import { type DatabaseGetter, rejectionOf, uniqueName } from './sql-conformance-helpers.js';

/** Statements and the value-mapping policy (see `sql/type-parsers.ts`). */
export function describeSqlTypesConformance(get: DatabaseGetter): void {
  describe('statements and values', () => {
    it('runs parameterised statements and reports affected rows', async () => {
      const table = uniqueName('t_params');
      await get().exec(`create table ${table} (id int primary key, name text not null)`);
      const inserted = await get().query<{ id: number }>(
        `insert into ${table} (id, name) values ($1, $2), ($3, $4) returning id`,
        [1, 'one', 2, 'two'],
      );
      expect(inserted.rows.map((row) => row.id).sort()).toEqual([1, 2]);
      expect(inserted.affectedRows).toBe(2);

      const selected = await get().query<{ name: string }>(`select name from ${table} where id = $1`, [2]);
      expect(selected.rows).toEqual([{ name: 'two' }]);

      const updated = await get().query(`update ${table} set name = upper(name) where id > $1`, [0]);
      expect(updated.affectedRows).toBe(2);
      const deleted = await get().query(`delete from ${table} where id = $1`, [99]);
      expect(deleted.affectedRows).toBe(0);
    });

    it('runs scripts of several statements, returning the last statement rows', async () => {
      const table = uniqueName('t_script');
      await get().exec(`create table ${table} (v int); insert into ${table} values (1), (2);`);
      const result = await get().query<{ total: number }>(
        `insert into ${table} values (3); select sum(v)::int as total from ${table}`,
      );
      expect(result.rows).toEqual([{ total: 6 }]);
    });

    it('round-trips text, int, bigint, bool, jsonb, timestamptz, uuid, bytea, numeric and date', async () => {
      const table = uniqueName('t_types');
      await get().exec(`create table ${table} (
        t text, i int, b bigint, big bigint, f boolean, j jsonb, ts timestamptz, u uuid, bin bytea,
        n numeric(10, 2), d date, nothing text)`);
      const at = new Date('2024-02-29T12:34:56.789Z');
      const uuid = '6f1c1c4e-4a4f-4c1e-9a53-1f2b3c4d5e6f';
      await get().query(`insert into ${table} values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, [
        'héllo',
        42,
        9_007_199_254_740_991,
        9_007_199_254_740_993n,
        true,
        { nested: { list: [1, 'two', null] }, ok: true },
        at,
        uuid,
        new Uint8Array([0, 1, 254, 255]),
        '12.5',
        '2024-02-29',
        null,
      ]);
      const { rows } = await get().query<Record<string, unknown>>(`select * from ${table}`);
      expect(rows).toHaveLength(1);
      const row: Record<string, unknown> = rows[0] ?? {};
      expect(row.t).toBe('héllo');
      expect(row.i).toBe(42);
      expect(row.b).toBe(9_007_199_254_740_991);
      expect(row.big).toBe(9_007_199_254_740_993n);
      expect(row.f).toBe(true);
      expect(row.j).toEqual({ nested: { list: [1, 'two', null] }, ok: true });
      expect(row.ts).toBeInstanceOf(Date);
      expect((row.ts as Date).getTime()).toBe(at.getTime());
      expect(row.u).toBe(uuid);
      expect(row.bin).toBeInstanceOf(Uint8Array);
      expect([...(row.bin as Uint8Array)]).toEqual([0, 1, 254, 255]);
      expect(row.n).toBe('12.50');
      expect(row.d).toBe('2024-02-29');
      expect(row.nothing).toBeNull();
    });

    it('returns counts as numbers and bigint arrays element-wise', async () => {
      const result = await get().query<{ c: unknown; arr: unknown; ts: unknown }>(
        `select count(*) as c, array[1, 9007199254740993]::int8[] as arr,
                timestamp '2024-01-02 03:04:05.5' as ts from generate_series(1, 3)`,
      );
      const row: Record<string, unknown> = result.rows[0] ?? {};
      expect(row.c).toBe(3);
      expect(row.arr).toEqual([1, 9_007_199_254_740_993n]);
      expect(row.ts).toBeInstanceOf(Date);
      expect((row.ts as Date).toISOString()).toBe('2024-01-02T03:04:05.500Z');
    });

    it('puts the Postgres SQLSTATE on thrown errors as `code`', async () => {
      const table = uniqueName('t_errors');
      await get().exec(`create table ${table} (id int primary key)`);
      await get().query(`insert into ${table} values ($1)`, [1]);
      expect((await rejectionOf(get().query(`insert into ${table} values ($1)`, [1]))).code).toBe('23505');
      expect((await rejectionOf(get().query(`insert into ${table} values (1)`))).code).toBe('23505');
      expect((await rejectionOf(get().query('selec 1'))).code).toBe('42601');
      expect((await rejectionOf(get().exec(`select * from ${table}_missing`))).code).toBe('42P01');
    });
  });
}
