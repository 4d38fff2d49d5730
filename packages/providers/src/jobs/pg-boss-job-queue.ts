import { randomUUID } from 'node:crypto';
import {
  AppError,
  type HealthStatus,
  type Job,
  type JobQueue,
  type JobSendOptions,
  type JobState,
  type JobWorkOptions,
  type Logger,
  type SqlDatabase,
} from '@starter/contracts';
import PgBoss from 'pg-boss';
import { createPgBossDb } from './pg-boss-db.js';
import { toPgBossSendOptions, toPgBossWorkOptions } from './pg-boss-options.js';

export interface PgBossJobQueueOptions {
  database: SqlDatabase;
  /** Postgres schema for pg-boss's tables (default `pgboss`). */
  schema?: string;
  logger?: Logger;
  /** How often pg-boss expires timed-out jobs and archives old ones (default 120 s). */
  maintenanceIntervalSeconds?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,49}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface WorkerGroup {
  bossIds: string[];
  running: Set<Promise<void>>;
}

/**
 * The job queue on pg-boss 10, over either database through pg-boss's `db` hook. Settings: `schedule: false`
 * (the port has no cron, and this also drops the clock-skew monitor's queries) and no state monitoring;
 * `supervise` stays on, since its maintenance expires timed-out jobs and archives old ones. pg-boss errors
 * (failed polls, maintenance) go to the logger instead of crashing the process as unhandled `error` events.
 */
export function createPgBossJobQueue(options: PgBossJobQueueOptions): JobQueue {
  const { database, logger } = options;
  const schema = options.schema ?? 'pgboss';
  if (!SCHEMA_NAME.test(schema)) {
    throw new AppError('InternalServerError', `Invalid pg-boss schema name "${schema}".`);
  }
  const boss = new PgBoss({
    db: createPgBossDb(database),
    schema,
    schedule: false,
    supervise: true,
    migrate: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 120,
  });
  boss.on('error', (error: Error & { queue?: string }) => {
    logger?.error({ err: error.message, queue: error.queue, schema }, 'pg-boss error');
  });
  // pg-boss passes `{ ms }`, though its typings declare no argument.
  boss.on('maintenance', (...args: unknown[]) => {
    logger?.debug({ schema, ms: (args[0] as { ms?: number } | undefined)?.ms }, 'pg-boss maintenance done');
  });
  const workers = new Map<string, WorkerGroup>();
  let state: 'new' | 'starting' | 'started' | 'closed' = 'new';
  let starting: Promise<void> | undefined;
  let closing: Promise<void> | undefined;

  const assertStarted = (): void => {
    if (state !== 'started') {
      throw new AppError(
        'ServiceUnavailable',
        `The job queue is ${state === 'closed' ? 'closed' : 'not started'}.`,
      );
    }
  };

  const missingQueue = (queue: string): AppError =>
    new AppError('NotFound', `Job queue "${queue}" does not exist; create it with createQueue() first.`);

  // pg-boss dedupes by key only per queue *policy*; the port wants "one queued job per key" on ordinary
  // queues, so check and insert under a transaction-scoped advisory lock on (schema, queue, key).
  const sendSingleton = async (queue: string, data: object, sendOptions: PgBoss.SendOptions, key: string) => {
    const lease = await database.acquire();
    try {
      await lease.query('begin');
      await lease.query('select pg_advisory_xact_lock(hashtext($1), hashtext($2))', [
        `${schema}.${queue}`,
        key,
      ]);
      const { rows } = await lease.query(
        `select 1 from ${schema}.job where name = $1 and singleton_key = $2 and state < 'active' limit 1`,
        [queue, key],
      );
      const id =
        rows.length > 0
          ? null
          : await boss.send(queue, data, { ...sendOptions, singletonKey: key, db: createPgBossDb(lease) });
      if (rows.length === 0 && id === null) throw missingQueue(queue);
      await lease.query('commit');
      return id;
    } catch (error) {
      await lease.query('rollback').catch(() => {});
      throw error;
    } finally {
      lease.release();
    }
  };

  return {
    start(): Promise<void> {
      if (state === 'closed')
        return Promise.reject(new AppError('ServiceUnavailable', 'The job queue is closed.'));
      starting ??= (async () => {
        state = 'starting';
        try {
          await boss.start();
          state = 'started';
        } catch (error) {
          // Let a later start() try again (e.g. once the database is reachable).
          state = 'new';
          starting = undefined;
          throw error;
        }
      })();
      return starting;
    },

    async createQueue(queue: string): Promise<void> {
      assertStarted();
      await boss.createQueue(queue);
    },

    async send<T extends object>(
      queue: string,
      data: T,
      sendOptions: JobSendOptions = {},
    ): Promise<string | null> {
      assertStarted();
      const mapped = toPgBossSendOptions(sendOptions);
      if (sendOptions.singletonKey !== undefined) {
        return sendSingleton(queue, data, mapped, sendOptions.singletonKey);
      }
      const id = await boss.send(queue, data, mapped);
      if (id === null) throw missingQueue(queue);
      return id;
    },

    async work<T extends object>(
      queue: string,
      handler: (job: Job<T>) => Promise<void>,
      workOptions: JobWorkOptions = {},
    ): Promise<string> {
      assertStarted();
      const group: WorkerGroup = { bossIds: [], running: new Set() };
      const concurrency = Math.max(1, Math.floor(workOptions.concurrency ?? 1));
      const handle = async (jobs: PgBoss.JobWithMetadata<T>[]): Promise<void> => {
        const [job] = jobs;
        if (!job) return;
        const run = handler({ id: job.id, queue: job.name, data: job.data, retryCount: job.retryCount });
        const tracked = run.then(
          () => {},
          () => {},
        );
        group.running.add(tracked);
        try {
          await run;
        } finally {
          group.running.delete(tracked);
        }
      };
      // pg-boss workers take one job at a time; `concurrency` independent pollers give N at once.
      for (let index = 0; index < concurrency; index++) {
        group.bossIds.push(
          await boss.work<T>(queue, toPgBossWorkOptions(workOptions.pollingIntervalSeconds), handle),
        );
      }
      const id = randomUUID();
      workers.set(id, group);
      return id;
    },

    async offWork(workerId: string): Promise<void> {
      const group = workers.get(workerId);
      if (!group) return;
      workers.delete(workerId);
      await Promise.all(group.bossIds.map((id) => boss.offWork({ id })));
      // pg-boss stops polling but lets a running handler finish; wait for those. A poll already in flight
      // may still claim one job, which is then handled normally rather than lost.
      await Promise.all([...group.running]);
    },

    async getJob(queue: string, id: string): Promise<(Job & { state: JobState }) | null> {
      assertStarted();
      if (!UUID.test(id)) return null;
      const job = await boss.getJobById<unknown>(queue, id, { includeArchive: true });
      if (!job) return null;
      return { id: job.id, queue: job.name, data: job.data, retryCount: job.retryCount, state: job.state };
    },

    async health(): Promise<HealthStatus> {
      const started = performance.now();
      if (state !== 'started') {
        return {
          ok: false,
          provider: 'pg-boss',
          latencyMs: 0,
          detail: state === 'closed' ? 'job queue is closed' : 'job queue is not started',
        };
      }
      const databaseStatus = await database.health();
      return {
        ok: databaseStatus.ok,
        provider: 'pg-boss',
        latencyMs: performance.now() - started,
        ...(databaseStatus.ok ? {} : { detail: `database: ${databaseStatus.detail ?? 'unavailable'}` }),
      };
    },

    close(): Promise<void> {
      closing ??= (async () => {
        const wasStarted = starting;
        state = 'closed';
        workers.clear();
        if (wasStarted) {
          await wasStarted.catch(() => {});
          // Graceful: running handlers get up to 30 s to finish; the database stays open for its owner.
          await boss.stop({ graceful: true, wait: true, close: false, timeout: 30_000 });
        }
      })();
      return closing;
    },
  };
}
