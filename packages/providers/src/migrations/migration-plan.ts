import { AppError } from '@starter/contracts';
import type { Migration, MigrationSet } from './migration.js';

/** A migration placed in the global order. */
export interface PlannedMigration {
  /** `<source>:<name>`: what the migration table records. */
  id: string;
  source: string;
  name: string;
  /** Position in the global order (set order, then order inside the set). */
  index: number;
  migration: Migration;
}

/** Flattens the sets into the global run order and rejects duplicate sources or ids. */
export function planMigrations(sets: readonly MigrationSet[]): PlannedMigration[] {
  const sources = new Set<string>();
  const ids = new Set<string>();
  const plan: PlannedMigration[] = [];
  for (const set of sets) {
    if (!set.source) throw new AppError('InternalServerError', 'A migration set has an empty source name.');
    if (sources.has(set.source)) {
      throw new AppError('InternalServerError', `Migration set "${set.source}" is listed twice.`);
    }
    sources.add(set.source);
    for (const migration of set.migrations) {
      if (!migration.name) {
        throw new AppError('InternalServerError', `A migration of "${set.source}" has an empty name.`);
      }
      const id = `${set.source}:${migration.name}`;
      if (ids.has(id)) throw new AppError('InternalServerError', `Duplicate migration name "${id}".`);
      ids.add(id);
      plan.push({ id, source: set.source, name: migration.name, index: plan.length, migration });
    }
  }
  return plan;
}
