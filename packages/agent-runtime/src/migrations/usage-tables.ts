/** Tables of migration 0006_usage (Kysely table types). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in with the migration.
export interface UsageTables {}
