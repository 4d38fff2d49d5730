export * from './platform-features.js';
export * from './platform-operators.js';
export * from './platform-schemas.js';
export * from './platform-tenants.js';
