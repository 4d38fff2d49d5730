/** Tables of migration 0004_ledger (Kysely table types). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in with the migration.
export interface LedgerTables {}
