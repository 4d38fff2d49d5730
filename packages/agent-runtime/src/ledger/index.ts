// The durable ledger of public_sse_v1 frames (spec §2.7).
export type { GroupCommitStats } from './group-commit.js';
export * from './kysely-ledger-store.js';
export { decodeLedgerCursor, encodeLedgerCursor } from './ledger-cursor.js';
export { DEFAULT_MAX_INLINE_BYTES } from './ledger-payload.js';
export type * from './ledger-store.js';
