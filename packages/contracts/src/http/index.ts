export * from './envelopes.js';
export * from './pagination.js';
