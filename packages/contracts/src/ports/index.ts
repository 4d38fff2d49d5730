export type * from './clock.js';
export type * from './email-sender.js';
export type * from './health.js';
export type * from './job-queue.js';
export type * from './key-value-store.js';
export type * from './logger.js';
export type * from './object-storage.js';
export type * from './sql-database.js';
export { PREPARED_STATEMENT_HINT } from './sql-database.js';
