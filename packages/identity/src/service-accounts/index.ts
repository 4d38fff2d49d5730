export * from './issuance-burst-limiter.js';
export * from './service-account-actor.js';
export * from './service-account-administration.js';
export * from './service-account-catalog.js';
export * from './service-account-issuer.js';
export * from './service-account-payload.js';
export * from './service-account-schemas.js';
export * from './service-account-tokens-repository.js';
