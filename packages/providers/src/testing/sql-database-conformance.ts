import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceDatabase } from './sql-conformance-helpers.js';
import { describeSqlKyselyConformance } from './sql-kysely-conformance.js';
import { describeSqlMigratorConformance } from './sql-migrator-conformance.js';
import { describeSqlSessionConformance } from './sql-session-conformance.js';
import { describeSqlTypesConformance } from './sql-types-conformance.js';

export type { ConformanceDatabase } from './sql-conformance-helpers.js';

/**
 * The shared suite every `SqlDatabase` implementation must pass: statements, value types, sessions and
 * transactions, error codes, then Kysely and the migrator on top. `factory` runs once for the suite;
 * tests use unique table names, so one (slow to start) PGlite instance serves them all.
 */
export function describeSqlDatabaseConformance(
  name: string,
  factory: () => Promise<ConformanceDatabase>,
): void {
  // Explicit timeouts: PGlite takes seconds to boot on a busy machine, more than vitest's defaults.
  describe(`SqlDatabase conformance: ${name}`, { timeout: 60_000 }, () => {
    let database: ConformanceDatabase | undefined;
    const get = (): ConformanceDatabase => {
      if (!database) throw new Error('The conformance database failed to open.');
      return database;
    };

    beforeAll(async () => {
      database = await factory();
    }, 180_000);

    afterAll(async () => {
      if (database) await (database.drop ? database.drop() : database.close());
    }, 60_000);

    describeSqlTypesConformance(get);
    describeSqlSessionConformance(get);
    describeSqlKyselyConformance(get);
    describeSqlMigratorConformance(get);

    describe('lifecycle', () => {
      it('reports healthy with its provider name', async () => {
        const status = await get().health();
        expect(status).toMatchObject({ ok: true, provider: get().dialect });
        expect(status.latencyMs).toBeGreaterThanOrEqual(0);
      });

      // Runs last: closes the shared instance.
      it('closes idempotently, even with a lease never released, then reports unhealthy', async () => {
        const leaked = await get().acquire();
        await get().close();
        await get().close();
        await expect(leaked.query('select 1')).rejects.toThrow();
        leaked.release();
        const status = await get().health();
        expect(status.ok).toBe(false);
        expect(status.detail).toEqual(expect.any(String));
      });
    });
  });
}
