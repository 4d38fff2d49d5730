// Public API of tools/: each module adds its exports here.
export * from './tool-configs.js';
export type * from './tool-registry-entry.js';
