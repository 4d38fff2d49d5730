// `--sql-stats`: counts the statements the app sends to its database during the run, by statement shape,
// so a saturated database can be traced to its callers (the calls queue inside PGlite and lose their stack).
import type { SqlConnection, SqlDatabase } from '@starter/contracts';
import { quantileOf } from './stats.js';

export interface SqlStats {
  /** Per statement shape: each call's time in ms (pool wait included). */
  readonly counts: Map<string, number[]>;
  enabled: boolean;
}

const shape = (sql: string) =>
  sql
    .replace(/\s+/g, ' ')
    .replace(/\(\$\d+(, \$\d+)*\)(, \(\$\d+(, \$\d+)*\))*/g, '(…)')
    .replace(/\$\d+/g, '?')
    .trim()
    .slice(0, 110);

function wrap(target: SqlConnection, stats: SqlStats): void {
  const query = target.query.bind(target);
  target.query = (async (sql: string, params?: readonly unknown[]) => {
    if (!stats.enabled) return query(sql, params);
    const started = performance.now();
    try {
      return await query(sql, params);
    } finally {
      const key = shape(sql);
      const durations = stats.counts.get(key) ?? [];
      durations.push(performance.now() - started);
      stats.counts.set(key, durations);
    }
  }) as SqlConnection['query'];
}

/** Wraps the database instance in place (every holder of it sees the wrapper). */
export function instrumentDatabase(database: SqlDatabase): SqlStats {
  const stats: SqlStats = { counts: new Map(), enabled: false };
  wrap(database, stats);
  const acquire = database.acquire.bind(database);
  database.acquire = async () => {
    const leased = await acquire();
    wrap(leased, stats);
    return leased;
  };
  return stats;
}

/** The top statements by count, per frame delivered. */
export function printSqlStats(stats: SqlStats, frames: number, top = 15): void {
  const sorted = [...stats.counts.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, top);
  let total = 0;
  for (const durations of stats.counts.values()) total += durations.length;
  console.log(
    `\nSQL statements during the run: ${total} (${(total / Math.max(1, frames)).toFixed(2)} per frame)`,
  );
  console.table(
    sorted.map(([sql, durations]) => {
      const count = durations.length;
      const at = (q: number) => quantileOf(durations, q).toFixed(1);
      const totalMs = durations.reduce((sum, ms) => sum + ms, 0);
      return {
        statement: sql,
        count,
        'per frame': Number((count / Math.max(1, frames)).toFixed(3)),
        'mean ms (incl. queue)': Number((totalMs / count).toFixed(1)),
        'p50 / p99 ms': `${at(0.5)} / ${at(0.99)}`,
      };
    }),
  );
}
