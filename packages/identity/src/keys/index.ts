export * from './file-keyset-store.js';
export * from './generate-signing-key.js';
export * from './key-manager.js';
export * from './keyset-fingerprint.js';
export * from './keyset-schema.js';
export type * from './keyset-store.js';
export * from './memory-keyset-store.js';
export * from './rotate-keyset.js';
