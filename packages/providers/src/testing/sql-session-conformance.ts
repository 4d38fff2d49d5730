import { describe, expect, it } from 'vitest';
import { type DatabaseGetter, rejectionOf, uniqueName } from './sql-conformance-helpers.js';

async function countRows(get: DatabaseGetter, table: string): Promise<number> {
  const { rows } = await get().query<{ c: number }>(`select count(*)::int as c from ${table}`);
  return rows[0]?.c ?? -1;
}

/** Leased sessions: transactions, isolation between callers, and recovery after failures. */
export function describeSqlSessionConformance(get: DatabaseGetter): void {
  describe('sessions and transactions', () => {
    it('commits and rolls back transactions on a leased connection', async () => {
      const table = uniqueName('t_tx');
      await get().exec(`create table ${table} (v int)`);
      const lease = await get().acquire();
      try {
        await lease.query('begin');
        await lease.query(`insert into ${table} values ($1)`, [1]);
        await lease.query('commit');
        await lease.query('begin');
        await lease.query(`insert into ${table} values ($1)`, [2]);
        expect((await lease.query<{ c: number }>(`select count(*)::int as c from ${table}`)).rows[0]?.c).toBe(
          2,
        );
        await lease.query('rollback');
      } finally {
        lease.release();
      }
      expect(await countRows(get, table)).toBe(1);
    });

    it('never shows a caller the uncommitted rows of another caller', async () => {
      const table = uniqueName('t_iso');
      await get().exec(`create table ${table} (v int)`);
      const writer = await get().acquire();
      await writer.query('begin');
      await writer.query(`insert into ${table} values (1)`);
      // Postgres answers at once (read committed); PGlite queues the reader until the writer is released.
      const reader = get().query<{ c: number }>(`select count(*)::int as c from ${table}`);
      await writer.query('rollback');
      writer.release();
      expect((await reader).rows[0]?.c).toBe(0);
    });

    it('keeps two interleaving transactions apart', async () => {
      const table = uniqueName('t_two');
      await get().exec(`create table ${table} (owner text)`);
      const serialised = get().dialect === 'pglite';
      const events: string[] = [];
      // On Postgres both transactions hold uncommitted rows while both look, then both commit; on PGlite
      // waiting for each other would deadlock, because the second cannot start before the first ends.
      const barrier = (): (() => Promise<void>) => {
        let arrived = 0;
        let open!: () => void;
        const opened = new Promise<void>((resolve) => {
          open = resolve;
        });
        return async () => {
          if (serialised) return;
          arrived += 1;
          if (arrived === 2) open();
          await opened;
        };
      };
      const bothInserted = barrier();
      const bothLooked = barrier();
      const transaction = async (owner: string): Promise<number> => {
        const lease = await get().acquire();
        try {
          events.push(`${owner}:begin`);
          await lease.query('begin');
          await lease.query(`insert into ${table} values ($1)`, [owner]);
          await bothInserted();
          const { rows } = await lease.query<{ c: number }>(
            `select count(*)::int as c from ${table} where owner <> $1`,
            [owner],
          );
          await bothLooked();
          await lease.query('commit');
          events.push(`${owner}:commit`);
          return rows[0]?.c ?? -1;
        } finally {
          lease.release();
        }
      };
      const [seenByA, seenByB] = await Promise.all([transaction('a'), transaction('b')]);
      if (serialised) {
        expect(events).toEqual(['a:begin', 'a:commit', 'b:begin', 'b:commit']);
        expect([seenByA, seenByB]).toEqual([0, 1]);
      } else {
        expect(events.slice(0, 2).sort()).toEqual(['a:begin', 'b:begin']);
        expect([seenByA, seenByB]).toEqual([0, 0]);
      }
      expect(await countRows(get, table)).toBe(2);
    });

    it('serialises concurrent statements and leases without losing any', async () => {
      const table = uniqueName('t_many');
      await get().exec(`create table ${table} (v int)`);
      await Promise.all(
        Array.from({ length: 20 }, async (_, index) => {
          if (index % 2 === 0) {
            await get().query(`insert into ${table} values ($1)`, [index]);
            return;
          }
          const lease = await get().acquire();
          try {
            await lease.query('begin');
            await lease.query(`insert into ${table} values ($1)`, [index]);
            await lease.query('commit');
          } finally {
            lease.release();
          }
        }),
      );
      expect(await countRows(get, table)).toBe(20);
    });

    it('recovers after a failed script that opened its own transaction', async () => {
      const table = uniqueName('t_script_fail');
      await get().exec(`create table ${table} (v int)`);
      const error = await rejectionOf(
        get().query(`begin; insert into ${table} values (1); select 1/0; commit;`),
      );
      expect(error.code).toBe('22012');
      expect(await countRows(get, table)).toBe(0);
      await get().query(`insert into ${table} values ($1)`, [2]);
      expect(await countRows(get, table)).toBe(1);
    });

    it('rolls back and rejects a handle statement that leaves a transaction open', async () => {
      const table = uniqueName('t_open');
      await get().exec(`create table ${table} (v int)`);
      await expect(get().query(`begin; insert into ${table} values (1)`)).rejects.toThrow(/use acquire\(\)/i);
      await expect(get().exec('begin')).rejects.toThrow(/transaction open/);
      expect(await countRows(get, table)).toBe(0);
      await get().query(`insert into ${table} values ($1)`, [2]);
      expect(await countRows(get, table)).toBe(1);
    });

    it('throws 25P02 when COMMIT finds the transaction aborted', async () => {
      const table = uniqueName('t_aborted');
      await get().exec(`create table ${table} (id int primary key)`);
      const lease = await get().acquire();
      try {
        await lease.query('begin');
        await lease.query(`insert into ${table} values ($1)`, [1]);
        await rejectionOf(lease.query(`insert into ${table} values ($1)`, [1]));
        expect((await rejectionOf(lease.query('commit'))).code).toBe('25P02');
      } finally {
        lease.release();
      }
      expect(await countRows(get, table)).toBe(0);
    });

    it('rolls back a lease released mid-transaction and rejects further use of it', async () => {
      const table = uniqueName('t_leak');
      await get().exec(`create table ${table} (v int)`);
      const lease = await get().acquire();
      await lease.query('begin');
      await lease.query(`insert into ${table} values (1)`);
      lease.release();
      lease.release();
      await expect(lease.query('select 1')).rejects.toThrow(/released/);
      expect(await countRows(get, table)).toBe(0);
      await get().query(`insert into ${table} values (2)`);
      expect(await countRows(get, table)).toBe(1);
    });
  });
}
