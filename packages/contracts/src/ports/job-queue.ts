import type { Lifecycle } from './health.js';

export interface JobSendOptions {
  /** Deduplicates: at most one queued job with this key per queue. */
  singletonKey?: string;
  /** Run no earlier than this many seconds from now. */
  startAfterSeconds?: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** Fail a job whose handler runs longer than this. */
  expireInSeconds?: number;
}

export interface Job<T = unknown> {
  id: string;
  queue: string;
  data: T;
  /** How many times this job has been tried before. */
  retryCount: number;
}

export interface JobWorkOptions {
  /** Jobs run at once by this worker. */
  concurrency?: number;
  /** How often an idle worker polls, in seconds. */
  pollingIntervalSeconds?: number;
}

/** Background jobs: durable, retried, claimed by exactly one worker (pg-boss on either database). */
export interface JobQueue extends Lifecycle {
  start(): Promise<void>;
  /** Declares a queue; idempotent. */
  createQueue(queue: string): Promise<void>;
  /** Enqueues a job; null when a singleton key suppressed it. */
  send<T extends object>(queue: string, data: T, options?: JobSendOptions): Promise<string | null>;
  /** Registers a handler; a throw fails the job and schedules its retry. Returns the worker id. */
  work<T extends object>(
    queue: string,
    handler: (job: Job<T>) => Promise<void>,
    options?: JobWorkOptions,
  ): Promise<string>;
  /** Stops one worker. */
  offWork(workerId: string): Promise<void>;
  /** Looks a job up, with its state. */
  getJob(queue: string, id: string): Promise<(Job & { state: JobState }) | null>;
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
