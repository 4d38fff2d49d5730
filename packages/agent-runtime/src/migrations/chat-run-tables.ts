/** Tables of migration 0005_chat_runs (Kysely table types). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in with the migration.
export interface ChatRunTables {}
