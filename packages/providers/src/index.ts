// Each adapter area adds its barrel here.
export * from './clock/index.js';
export * from './email/index.js';
export * from './jobs/index.js';
export * from './kv/index.js';
export * from './migrations/index.js';
export * from './rate-limit/index.js';
export * from './sql/index.js';
export * from './storage/index.js';
