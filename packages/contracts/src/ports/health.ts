/** Result of a dependency health probe. */
export interface HealthStatus {
  ok: boolean;
  /** Which implementation answered, e.g. `pglite`, `postgres`, `redis`, `memory`, `local`, `s3`. */
  provider: string;
  latencyMs: number;
  /** A short, secret-free reason when `ok` is false. */
  detail?: string;
}

/** Something that can be probed and closed. */
export interface Lifecycle {
  health(): Promise<HealthStatus>;
  /** Releases connections and timers; safe to call twice. */
  close(): Promise<void>;
}
