export * from './create-migrator.js';
export type * from './migration.js';
