export * from './mfa-completion.js';
export * from './mfa-flow-schemas.js';
export * from './mfa-flows.js';
export type * from './mfa-flows-deps.js';
export * from './mfa-method-flows.js';
