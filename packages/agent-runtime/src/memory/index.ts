// Public API of memory/: each module adds its exports here.
export * from './memory-strategy-config.js';
