export * from './errors/index.js';
export * from './http/index.js';
export * from './ids/index.js';
export type * from './ports/index.js';
export { PREPARED_STATEMENT_HINT } from './ports/index.js';
export * from './streaming/index.js';
