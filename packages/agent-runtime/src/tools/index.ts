// Public API of tools/: each module adds its exports here.
export * from './tool-configs.js';
