export type * from './caller-context.js';
export * from './email-verification-flow.js';
export * from './password-change-flow.js';
export * from './password-flow-schemas.js';
export * from './password-flows.js';
export type * from './password-flows-deps.js';
export * from './password-reset-flow.js';
export * from './rate-limit-port.js';
