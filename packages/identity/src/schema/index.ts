export type * from './audit-tables.js';
export * from './identity-database.js';
export * from './identity-enums.js';
export type * from './invites-tables.js';
export * from './json-column.js';
export type * from './mfa-tables.js';
export type * from './sessions-tables.js';
export type * from './tenants-tables.js';
export type * from './users-tables.js';
