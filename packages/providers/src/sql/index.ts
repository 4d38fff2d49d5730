export * from './create-kysely.js';
export * from './pglite-database.js';
export * from './postgres-database.js';
