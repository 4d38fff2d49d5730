import type { Kysely } from 'kysely';

/** One schema change. `up` (and `down`) receive the transaction the migration runs in. */
export interface Migration {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still changing.
  up(db: Kysely<any>): Promise<void>;
  // biome-ignore lint/suspicious/noExplicitAny: see `up`.
  down?(db: Kysely<any>): Promise<void>;
}

/** A package's migrations, in the order they must run. */
export interface MigrationSet {
  /** The owning package name, e.g. `@starter/auth`; with the migration name it forms the global id. */
  source: string;
  migrations: readonly Migration[];
}

/** What one `up()` or `down()` call changed, as global ids (`<source>:<name>`) in execution order. */
export interface MigrationReport {
  direction: 'up' | 'down';
  migrations: string[];
}

/** One known migration and when it ran (`null` while pending). */
export interface MigrationStatus {
  name: string;
  source: string;
  executedAt: Date | null;
}

/** Runs and inspects the ordered migrations of all packages. */
export interface Migrator {
  /** Applies every pending migration in order, one transaction each. */
  up(): Promise<MigrationReport>;
  /** Reverts the most recently applied migration (one step). */
  down(): Promise<MigrationReport>;
  status(): Promise<MigrationStatus[]>;
  /** Global ids of the migrations not applied yet, in the order `up()` would run them. */
  pending(): Promise<string[]>;
  /** Throws `ServiceUnavailable` when any migration is pending. */
  assertCurrent(): Promise<void>;
}
