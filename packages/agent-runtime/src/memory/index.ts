// Public API of memory/: each module adds its exports here.
export * from '../migrations/index.js';
export * from './apply-memory-strategy.js';
export * from './compact-strategy.js';
export * from './conversation-turns.js';
export * from './in-memory-session-store.js';
export * from './kysely-session-store.js';
export * from './kysely-summary-store.js';
export * from './load-memory-summary.js';
export * from './memory-checkpoint.js';
export * from './memory-strategy-config.js';
export * from './resolve-memory-strategy.js';
export * from './session-store.js';
export * from './summarize-strategy.js';
export * from './summarizer.js';
export * from './summary-store.js';
export * from './trim-strategy.js';
