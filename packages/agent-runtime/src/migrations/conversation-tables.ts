/** Tables of migration 0003_conversations (Kysely table types). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in with the migration.
export interface ConversationTables {}
