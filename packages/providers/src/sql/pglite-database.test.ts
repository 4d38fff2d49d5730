import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSqlDatabaseConformance } from '../testing/sql-database-conformance.js';
import { createPgliteDatabase } from './pglite-database.js';

describeSqlDatabaseConformance('pglite (in memory)', () => createPgliteDatabase({ closeGraceMs: 500 }));

describe('createPgliteDatabase with a data directory', () => {
  it('creates the directory and keeps data across reopen', async () => {
    const root = await mkdtemp(join(tmpdir(), 'starter-pglite-'));
    const dataDir = join(root, 'nested', 'data');
    try {
      const first = await createPgliteDatabase({ dataDir });
      await first.exec('create table kept (v text); insert into kept values ($$persisted$$);');
      await first.close();
      const second = await createPgliteDatabase({ dataDir });
      expect((await second.query<{ v: string }>('select v from kept')).rows).toEqual([{ v: 'persisted' }]);
      await second.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 180_000);
});
