export * from './invalid-token-error.js';
export type { RegisteredClaims, SignedToken } from './jwt-signer.js';
export * from './token-claims.js';
export type * from './token-metrics.js';
export * from './token-service.js';
